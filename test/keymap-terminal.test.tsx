import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {MachineState} from '../src/bind/machine.js';
import {initialState, machine} from '../src/bind/machine.js';
import {formFields} from '../src/bind/form.js';
import {reduceKey} from '../src/keymap.js';
import {credentialsState, validValues} from './helpers/machine-fixtures.js';
import type {KeyRecorder} from './helpers/terminal-keys.js';
import {startKeyRecorder} from './helpers/terminal-keys.js';

/**
 * What a terminal sends, through Ink's parser and the input guard exactly as in the program,
 * then through the key map and the machine: each case starts on the settings form with the
 * site name focused (`London`) and checks what the form shows after it.
 */
const ESC = '\u001B';

let recorder: KeyRecorder;
before(() => {
  recorder = startKeyRecorder();
});
after(() => recorder.close());

async function send(state: MachineState, ...chunks: string[]): Promise<MachineState> {
  let current = state;
  for (const chunk of chunks) {
    for (const {input, key} of await recorder.keysOf(chunk)) {
      current = reduceKey(current, input, key, {now: 1_000});
    }
  }
  return current;
}

const settings = () => initialState({values: validValues()});
const focused = (state: MachineState) => formFields[state.settingsFocus]?.id;

/** Sequences nobody types into a field: keys the program has no use for, and terminal output. */
const ignored: readonly (readonly [string, string])[] = [
  ['F1 (SS3)', `${ESC}OP`],
  ['F4 (SS3)', `${ESC}OS`],
  ['F5', `${ESC}[15~`],
  ['F12', `${ESC}[24~`],
  ['F1 (Linux console, libuv)', `${ESC}[[A`],
  ['F13', `${ESC}[25~`],
  ['Ctrl+F1', `${ESC}[1;5P`],
  ['Ctrl+F4', `${ESC}[1;5S`],
  ['Shift+F2', `${ESC}[1;2Q`],
  ['Alt+F3', `${ESC}[1;3R`],
  ['Ctrl+F5', `${ESC}[15;5~`],
  ['Ctrl+Shift+F12', `${ESC}[24;6~`],
  ['Alt+F1 with a second ESC', `${ESC}${ESC}[1;5P`],
  ['Insert', `${ESC}[2~`],
  ['keypad 5', `${ESC}[E`],
  ['keypad Enter (application mode)', `${ESC}OM`],
  ['Ctrl+I (modifyOtherKeys)', `${ESC}[27;5;105~`],
  ['Ctrl+I (CSI u)', `${ESC}[105;5u`],
  ['focus in', `${ESC}[I`],
  ['focus out', `${ESC}[O`],
  ['mouse (SGR)', `${ESC}[<0;10;5M`],
  ['erase line', `${ESC}[0K`],
  ['colour', `${ESC}[31m`],
  ['256 colours', `${ESC}[38;5;208m`],
  ['cursor position', `${ESC}[12;40H`],
  ['private mode', `${ESC}[?1049h`],
  ['OSC title, BEL', `${ESC}]0;title\u0007`],
  ['OSC hyperlink, ST', `${ESC}]8;;https://x.example/${ESC}\\`],
  ['DCS, ST', `${ESC}P+q544e${ESC}\\`],
  ['APC, ST', `${ESC}_Gi=1;AAAA${ESC}\\`],
  ['bracketed-paste markers', `${ESC}[200~${ESC}[201~`],
  ['lone ESC', ESC],
  ['ESC ESC', `${ESC}${ESC}`],
  ['incomplete CSI at the end', `${ESC}[1;5`],
  ['incomplete CSI introducer', `${ESC}[`],
  ['incomplete SS3', `${ESC}O`],
  ['Alt+letter', `${ESC}x`],
];

describe('key map: what terminals send, through Ink and the input guard', () => {
  it('ignores every key and sequence it has no use for, on the settings form', async () => {
    for (const [name, chunk] of ignored) {
      const state = await send(settings(), chunk);
      assert.equal(state.screen, 'settings', name);
      assert.equal(focused(state), 'siteName', name);
      assert.equal(state.fields.siteName.value, 'London', name);
    }
  });

  it('ignores them on the credentials, with the text pasted before and typed after', async () => {
    for (const [name, chunk] of ignored) {
      if (chunk === ESC || chunk === `${ESC}${ESC}`) continue; // Esc is back here.
      const state = await send(credentialsState(), `a${chunk}`, 'b');
      assert.equal(state.screen, 'credentials', name);
      assert.equal(state.credentialsFocus, 'email', name);
      assert.equal(state.fields.email.value, 'ab', name);
    }
    const pasted = await send(credentialsState(), `m${ESC}[0Ki${ESC}[31mn${ESC}]0;t\u0007@`);
    assert.equal(pasted.fields.email.value, 'min@');
  });

  it('types the text after ESC and a key, and after a sequence left open at the end', async () => {
    assert.equal((await send(settings(), `${ESC}xyz`)).fields.siteName.value, 'Londonyz');
    const open = await send(settings(), `ab${ESC}[1;`, 'cd');
    assert.equal(open.fields.siteName.value, 'Londonabcd', 'dropped once Ink stops waiting');
    const alt = await send(settings(), `${ESC}]`, 'x');
    assert.equal(alt.fields.siteName.value, 'Londonx', 'a key typed after Alt+] is kept');
  });

  it('deletes under the cursor with Delete, before it with Backspace (DEL or BS)', async () => {
    const start = await send(credentialsState(), 'abcdef', `${ESC}[D${ESC}[D`);
    const deleted = await send(start, `${ESC}[3~`);
    assert.equal(deleted.fields.email.value, 'abcdf');
    assert.equal((await send(deleted, '\u007F')).fields.email.value, 'abcf');
    assert.equal((await send(deleted, '\b')).fields.email.value, 'abcf');
    const word = await send(credentialsState(), 'cn=svc mse', `${ESC}\u007F`);
    assert.equal(word.fields.email.value, 'cn=svc ', 'Alt+Backspace deletes a word');
  });

  it('moves back with Shift+Tab where the terminal sends it, forward with Tab', async () => {
    const third = await send(settings(), `${ESC}[B`, `${ESC}[B`);
    assert.equal(third.settingsFocus, 2);
    assert.equal((await send(third, `${ESC}[Z`)).settingsFocus, 1);
    assert.equal((await send(third, '\t')).settingsFocus, 3);
    const rebind = initialState({values: validValues(), rebind: 'mimecast'});
    assert.equal((await send(rebind, `${ESC}[Z`)).rebind?.changed, 'exchange');
  });

  it('takes a pasted line ending as one Enter: CR, LF, CR LF, and CR LF turned into CR CR', async () => {
    for (const ending of ['\r', '\n', '\r\n', '\r\r']) {
      const state = await send(settings(), `Demo-Directory-2026!${ending}`);
      assert.equal(focused(state), 'discoveryUrl', JSON.stringify(ending));
      assert.equal(state.fields.siteName.value, 'LondonDemo-Directory-2026!');

      const signIn = await send(credentialsState(), `admin@contoso.example${ending}`);
      assert.equal(signIn.screen, 'credentials', JSON.stringify(ending));
      assert.equal(signIn.credentialsFocus, 'password');
      assert.deepEqual(signIn.problems, [], 'nothing submitted');
    }
    const lone = await send(settings(), '\n');
    assert.equal(focused(lone), 'discoveryUrl', 'a lone LF is Enter once');
  });

  it('still takes two Enters typed ahead without text as two', async () => {
    const state = await send(settings(), '\r\r');
    assert.equal(focused(state), 'appId');
    const pair = await send(credentialsState(), 'admin@contoso.example\rpw\r');
    assert.equal(pair.screen, 'binding');
    assert.equal(machine(pair, {type: 'bind-cancelled'}).fields.password.value, 'pw');
  });

  it('goes back from the settings to the engine with Esc only when S opened them there', async () => {
    const engine = initialState({values: validValues(), screen: 'activation'});
    const opened = await send(engine, 's');
    assert.equal(opened.screen, 'settings');
    const typed = await send(opened, 'x');
    assert.equal((await send(typed, ESC)).screen, 'activation');
    assert.equal((await send(settings(), ESC)).screen, 'settings', 'nothing bound: no way back');
  });
});
