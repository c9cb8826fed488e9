import {afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {useEffect, useReducer} from 'react';
import {Box, Text, useInput} from 'ink';
import type {Key} from 'ink';
import {TextField} from '../../src/components/TextField.js';
import {editField, fieldFromValue} from '../../src/components/text-field-state.js';
import type {FieldState} from '../../src/components/text-field-state.js';
import {TerminalCapsProvider} from '../../src/components/use-terminal-caps.js';
import {useInputGuard} from '../../src/components/use-input-guard.js';
import type {InkHarness} from '../helpers/ink-harness.js';
import {BACKSPACE, CTRL_H, CTRL_U, DELETE, ENTER, ESC, LEFT} from '../helpers/ink-harness.js';
import {pollUntil, renderInk} from '../helpers/ink-harness.js';

/**
 * The app's shape in miniature: the input guard in front of one `useInput` at the root, which
 * turns each event into a reducer action, and the field is a pure view of the reducer's state.
 */
type RootState = {
  readonly field: FieldState;
  readonly submissions: readonly string[];
  /** Input events seen, so a test can tell when a key that changes nothing has arrived. */
  readonly events: number;
};
type RootAction = {readonly input: string; readonly key: Key};

function rootReducer(state: RootState, {input, key}: RootAction): RootState {
  const edit = editField(state.field, input, key);
  const submissions = edit.submitted ? [...state.submissions, edit.state.value] : state.submissions;
  return {field: edit.state, submissions, events: state.events + 1};
}

type FieldRootProps = {
  readonly masked: boolean;
  /** Receives every submitted value; the frame shows only how many there were. */
  readonly onSubmissions: (values: readonly string[]) => void;
};

function FieldRoot({masked, onSubmissions}: FieldRootProps) {
  const [state, dispatch] = useReducer(rootReducer, {
    field: fieldFromValue(''),
    submissions: [],
    events: 0,
  });
  useInputGuard();
  useInput((input, key) => dispatch({input, key}));
  useEffect(() => onSubmissions(state.submissions), [state.submissions, onSubmissions]);

  return (
    <TerminalCapsProvider value={{unicode: false, color: false}}>
      <Box flexDirection="column">
        <TextField label="Secret" field={state.field} focused masked={masked} />
        <Text>
          submitted {state.submissions.length}, events {state.events}
        </Text>
      </Box>
    </TerminalCapsProvider>
  );
}

let harness: InkHarness | undefined;
afterEach(() => harness?.unmount());

function start(masked: boolean) {
  let latest: readonly string[] = [];
  const onSubmissions = (values: readonly string[]) => {
    latest = values;
  };
  harness = renderInk(<FieldRoot masked={masked} onSubmissions={onSubmissions} />);

  // The effect that reports submissions runs after the frame is written, so poll for it too.
  const submitted = (count: number) =>
    pollUntil(
      () => (latest.length >= count ? latest : undefined),
      () => `${count} submission(s); got ${latest.length}`,
    );
  return {harness, submitted};
}

describe('text field driven through a real Ink render', () => {
  it('receives type-ahead sec + LEFT + x + Enter in one chunk and submits sexc', async () => {
    const {harness, submitted} = start(false);
    await harness.type('sec' + LEFT + 'x' + ENTER);

    const frame = await harness.waitForText('submitted 1');
    assert.match(frame, /Secret sexc$/m);
    assert.deepEqual(await submitted(1), ['sexc']);
  });

  it('submits a pasted password with its trailing Enter and never draws it', async () => {
    const {harness, submitted} = start(true);
    await harness.type('hunter2' + ENTER);

    const frame = await harness.waitForText('submitted 1');
    assert.deepEqual(await submitted(1), ['hunter2']);
    assert.match(frame, /Secret \*{7}$/m);
    for (const drawn of harness.frames()) assert.doesNotMatch(drawn, /hunter2|unter/);
  });

  it('edits with Backspace and Ctrl+U sent as separate reads', async () => {
    const {harness, submitted} = start(false);
    await harness.type('abc');
    await harness.waitForText('Secret abc');
    await harness.typeAndWaitForChange(BACKSPACE);
    assert.match(harness.lastFrame(), /Secret ab$/m);
    await harness.typeAndWaitForChange(CTRL_U);
    await harness.type('z' + ENTER);

    await harness.waitForText('submitted 1');
    assert.deepEqual(await submitted(1), ['z']);
  });

  it('keeps unrecognised escape sequences and a lone Esc out of the value', async () => {
    const {harness, submitted} = start(false);
    await harness.type('a' + ESC + '[200~' + 'b' + ESC + '[201~' + ESC + '[1;5P');
    await harness.waitForText('events 2');
    assert.match(harness.lastFrame(), /Secret ab$/m);

    // Ink holds a lone Esc until the next turn of the event loop, then reports it.
    await harness.type(ESC);
    await harness.waitForText('events 3');
    await harness.type('c' + ENTER);

    await harness.waitForText('submitted 1');
    assert.deepEqual(await submitted(1), ['abc']);
  });

  it('deletes under the cursor with Delete and before it with Backspace', async () => {
    const {harness, submitted} = start(false);
    await harness.type('abcdef');
    await harness.waitForText('Secret abcdef');
    await harness.typeAndWaitForChange(LEFT + LEFT);
    await harness.typeAndWaitForChange(DELETE);
    assert.match(harness.lastFrame(), /Secret abcdf$/m, 'the e under the cursor, not the d');
    await harness.typeAndWaitForChange(BACKSPACE);
    await harness.typeAndWaitForChange(CTRL_H);
    await harness.type(ENTER);

    await harness.waitForText('submitted 1');
    assert.deepEqual(await submitted(1), ['abf']);
  });
});
