import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import type {MachineState} from '../src/bind/machine.js';
import {initialState} from '../src/bind/machine.js';
import {formFields} from '../src/bind/form.js';
import {reduceKey} from '../src/keymap.js';
import {inkKey} from '../src/components/ink-key.js';
import {credentialsState, validValues} from './helpers/machine-fixtures.js';

const none = inkKey();
const ENTER = inkKey({return: true});
const ESC = {...none, escape: true, meta: true};
const DOWN = {...none, downArrow: true};
const RIGHT = {...none, rightArrow: true};
const PAGE_DOWN = {...none, pageDown: true};
const BACKSPACE = {...none, backspace: true};
const CTRL = {...none, ctrl: true};

function press(state: MachineState, input: string, key: Key = none): MachineState {
  return reduceKey(state, input, key, {now: 1_000});
}

describe('key map', () => {
  it('types into the focused credential and moves on with Enter', () => {
    let state = press(credentialsState(), 'admin@example.com');
    state = press(state, '', ENTER);
    assert.equal(state.credentialsFocus, 'password');
    state = press(state, 'pw1');
    state = press(state, '', BACKSPACE);
    assert.equal(state.fields.password.value, 'pw');
    assert.equal(state.fields.email.value, 'admin@example.com');
  });

  it('starts the bind from one pasted chunk holding both fields and their Enters', () => {
    const state = press(credentialsState(), 'admin@example.com\rS3cret pass\r');
    assert.equal(state.screen, 'binding');
    assert.equal(state.fields.email.value, 'admin@example.com');
    assert.equal(state.fields.password.value, 'S3cret pass');
  });

  it('treats a pasted line feed like Enter and never inserts control characters', () => {
    let state = press(credentialsState(), 'admin@example.com\n');
    assert.equal(state.credentialsFocus, 'password');
    state = press(state, 'a\u0007b\u001bc');
    assert.ok(
      [...state.fields.password.value].every((char) => char.charCodeAt(0) >= 0x20),
      'no control character inserted',
    );
  });

  it('acts on every key of a chunk: Enter then Ctrl+U clears the next field', () => {
    const state = press(initialState({values: validValues()}), '\r\u0015https://x.example');
    assert.equal(state.settingsFocus, 1);
    assert.equal(state.fields.discoveryUrl.value, 'https://x.example');
  });

  it('takes Tab and Backspace inside a chunk as keys, and CR LF as one Enter', () => {
    let state = press(credentialsState(), 'admin@example.comm\u007f\tpw\r\n');
    assert.equal(state.fields.email.value, 'admin@example.com');
    assert.equal(state.screen, 'binding');
    assert.equal(state.fields.password.value, 'pw');
    state = press(credentialsState(), 'a\r\nb');
    assert.equal(state.credentialsFocus, 'password');
    assert.equal(state.fields.password.value, 'b');
  });

  it('walks the fields that apply with Enter and continues from the last one', () => {
    let state = initialState({values: validValues()});
    const visited = [formFields[state.settingsFocus]?.id];
    while (state.screen === 'settings' && visited.length < 50) {
      state = press(state, '', ENTER);
      if (state.screen === 'settings') visited.push(formFields[state.settingsFocus]?.id);
    }
    assert.equal(state.screen, 'credentials');
    assert.equal(visited.at(-1), formFields.at(-1)?.id);
    assert.ok(!visited.includes('exchangeClientSecret'), 'OAuth fields only with OAuth');
    assert.ok(visited.includes('exchangePassword'));
  });

  it('offers the OAuth fields instead of the service account once OAuth is chosen', () => {
    let state = initialState({values: validValues({authScheme: 'oauth'})});
    const visited = new Set<string | undefined>();
    for (let step = 0; step < formFields.length; step++) {
      visited.add(formFields[state.settingsFocus]?.id);
      state = press(state, '', DOWN);
    }
    assert.ok(visited.has('exchangeClientSecret'));
    assert.ok(!visited.has('exchangePassword'));
  });

  it('continues from any settings field with PageDown', () => {
    const state = press(initialState({values: validValues()}), '', PAGE_DOWN);
    assert.equal(state.screen, 'credentials');
  });

  it('cycles a choice with the arrows and space', () => {
    let state = initialState({values: validValues()});
    const index = formFields.findIndex((field) => field.id === 'directoryType');
    for (let i = 0; i < index; i++) state = press(state, '', DOWN);
    state = press(state, '', RIGHT);
    assert.equal(state.choices.directoryType, 'domino');
    state = press(state, ' ');
    assert.equal(state.choices.directoryType, 'active-directory');
  });

  it('goes back to the settings with Esc, and quits on Ctrl+C', () => {
    assert.equal(press(credentialsState(), '', ESC).screen, 'settings');
    const quit = press(credentialsState(), 'c', CTRL);
    assert.equal(quit.quitting, true);
    assert.equal(quit.interrupted, true, 'Ctrl+C exits as cancelled');
  });

  it('cancels a running bind with Esc', () => {
    const binding = press(credentialsState(), 'admin@example.com\rpw\r');
    const cancelled = press(binding, '', ESC);
    assert.equal(cancelled.screen, 'credentials');
    assert.equal(cancelled.fields.password.value, 'pw');
  });
});
