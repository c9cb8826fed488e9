import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {TextField} from '../../src/components/TextField.js';
import {fieldDisplay} from '../../src/components/text-field-display.js';
import {fieldFromValue} from '../../src/components/text-field-state.js';
import {renderView} from '../helpers/render-view.js';

describe('fieldDisplay', () => {
  it('splits the value around a code-point cursor: é😀 with the cursor on 😀', () => {
    const display = fieldDisplay({value: 'é😀', cursor: 1}, {focused: true});
    assert.deepEqual(display, {before: 'é', atCursor: '😀', after: ''});
  });

  it('masks one * per code point, so é😀 is two stars, not three', () => {
    const display = fieldDisplay(fieldFromValue('é😀'), {focused: true, masked: true});
    assert.deepEqual(display, {before: '**', atCursor: ' ', after: ''});
  });

  it('scrolls a long value so the cursor stays inside the width', () => {
    const value = 'abcdefghij';
    assert.deepEqual(fieldDisplay(fieldFromValue(value), {focused: true, width: 5}), {
      before: 'ghij',
      atCursor: ' ',
      after: '',
    });
    assert.deepEqual(fieldDisplay({value, cursor: 2}, {focused: true, width: 5}), {
      before: 'ab',
      atCursor: 'c',
      after: 'de',
    });
  });

  it('shows no cursor cell when not focused, and cuts at the width', () => {
    const display = fieldDisplay(fieldFromValue('abcdefghij'), {focused: false, width: 4});
    assert.deepEqual(display, {before: 'abcd', atCursor: '', after: ''});
  });
});

describe('TextField', () => {
  it('shows the label and value, with > on the focused field', () => {
    const focused = renderView(<TextField label="Host" field={fieldFromValue('dc01')} focused />);
    assert.equal(focused, '>  Host dc01');
    const idle = renderView(
      <TextField label="Host" field={fieldFromValue('dc01')} focused={false} labelWidth={6} />,
    );
    assert.equal(idle, '   Host   dc01');
  });

  it('never shows a masked value, focused or not, wherever the cursor is', () => {
    const secret = 'hunter2';
    for (const cursor of [0, 3, 7]) {
      for (const focused of [true, false]) {
        const frame = renderView(
          <TextField label="Password" field={{value: secret, cursor}} focused={focused} masked />,
        );
        assert.equal(frame.trimEnd(), `${focused ? '>' : ' '}  Password *******`);
        for (const char of new Set(secret)) assert.ok(!frame.includes(char + char), frame);
        assert.doesNotMatch(frame, /hunter|2/);
      }
    }
  });

  it('shows the placeholder while the value is empty', () => {
    const frame = renderView(
      <TextField
        label="CA file"
        field={fieldFromValue('')}
        focused={false}
        placeholder="(optional)"
      />,
    );
    assert.equal(frame, '   CA file (optional)');
  });

  it('marks a field with a problem with !, and shows the message on the next line', () => {
    const flagged = renderView(
      <TextField label="Port" field={fieldFromValue('x')} focused error />,
    );
    assert.equal(flagged, '>! Port x');
    const explained = renderView(
      <TextField
        label="Port"
        field={fieldFromValue('x')}
        focused={false}
        error="Enter a number from 1 to 65535."
      />,
    );
    assert.equal(explained, ' ! Port x\n    Enter a number from 1 to 65535.');
  });

  it('stays on one line when the value is longer than the terminal', () => {
    const frame = renderView(
      <TextField label="Base DN" field={fieldFromValue('ou=x,'.repeat(30))} focused={false} />,
      undefined,
      40,
    );
    assert.equal(frame.split('\n').length, 1);
    assert.ok(frame.length <= 40, frame);
    assert.ok(frame.endsWith('...'), frame);
  });
});
