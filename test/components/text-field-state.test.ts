import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {Key} from 'ink';
import {editField, fieldFromValue} from '../../src/components/text-field-state.js';
import type {FieldState} from '../../src/components/text-field-state.js';
import {inkKey} from '../../src/components/ink-key.js';

type Event = readonly [input: string, key?: Partial<Key>];

/** Feeds events as Ink would deliver them and collects every submit. */
function apply(start: FieldState, events: readonly Event[]) {
  let state = start;
  const submitted: string[] = [];
  for (const [input, key] of events) {
    const edit = editField(state, input, inkKey(key));
    state = edit.state;
    if (edit.submitted) submitted.push(state.value);
  }
  return {state, submitted};
}

const empty = fieldFromValue('');

describe('fieldFromValue', () => {
  it('puts the cursor after the last code point', () => {
    assert.deepEqual(fieldFromValue('é😀'), {value: 'é😀', cursor: 2});
  });
});

describe('editField', () => {
  it('inserts typed characters one by one at the cursor', () => {
    const result = apply(empty, [['a'], ['b'], ['c']]);
    assert.deepEqual(result.state, {value: 'abc', cursor: 3});
    assert.deepEqual(result.submitted, []);
  });

  it('takes a pasted chunk with a trailing Enter as the whole value and submits it', () => {
    const edit = editField(empty, 'hunter2\r', inkKey());
    assert.deepEqual(edit.state, {value: 'hunter2', cursor: 7});
    assert.equal(edit.submitted, true);
  });

  it('submits at an embedded line break and drops what follows it', () => {
    for (const paste of ['pa ss\nword', 'pa ss\r\nword', 'pa ss\rword']) {
      const edit = editField(empty, paste, inkKey());
      assert.equal(edit.state.value, 'pa ss', JSON.stringify(paste));
      assert.equal(edit.submitted, true);
    }
  });

  it('handles type-ahead split by Ink around an arrow key: sec, LEFT, x + Enter', () => {
    const result = apply(empty, [['sec'], ['', {leftArrow: true}], ['x\r']]);
    assert.equal(result.state.value, 'sexc');
    assert.deepEqual(result.submitted, ['sexc']);
  });

  it('submits on the Enter key without changing the value', () => {
    const edit = editField(fieldFromValue('abc'), '', inkKey({return: true}));
    assert.deepEqual(edit, {state: {value: 'abc', cursor: 3}, submitted: true});
  });

  it('never inserts C0 control characters, DEL or C1 controls', () => {
    const edit = editField(empty, 'a\u0000b\u0007c\td\u001Ae\u0085f', inkKey());
    assert.deepEqual(edit.state, {value: 'abcdef', cursor: 6});
    assert.equal(edit.submitted, false);
  });

  it('applies a Backspace typed ahead inside a chunk instead of inserting it', () => {
    const edit = editField(empty, 'sex\u007Fc\bt', inkKey());
    assert.equal(edit.state.value, 'set');
  });

  it('deletes before the cursor with Backspace and under it with Delete', () => {
    const start = {value: 'abcd', cursor: 2};
    assert.deepEqual(editField(start, '', inkKey({backspace: true})).state, {
      value: 'acd',
      cursor: 1,
    });
    assert.deepEqual(editField(start, '', inkKey({delete: true})).state, {value: 'abd', cursor: 2});
    const atEnd = fieldFromValue('ab');
    assert.deepEqual(editField(atEnd, '', inkKey({delete: true})).state, atEnd);
    assert.deepEqual(editField(empty, '', inkKey({backspace: true})), {
      state: empty,
      submitted: false,
    });
  });

  it('takes abcdef, Left, Left, Delete to abcdf (not abcef), then Backspace to abcf', () => {
    const result = apply(fieldFromValue('abcdef'), [
      ['', {leftArrow: true}],
      ['', {leftArrow: true}],
      ['', {delete: true}],
    ]);
    assert.deepEqual(result.state, {value: 'abcdf', cursor: 4});
    assert.deepEqual(apply(result.state, [['', {backspace: true}]]).state, {
      value: 'abcf',
      cursor: 3,
    });
  });

  it('moves with left, right, home and end, and inserts at the cursor', () => {
    const result = apply(fieldFromValue('bd'), [
      ['', {home: true}],
      ['a'],
      ['', {rightArrow: true}],
      ['c'],
      ['', {end: true}],
      ['e'],
      ['', {rightArrow: true}],
    ]);
    assert.deepEqual(result.state, {value: 'abcde', cursor: 5});
    const left = apply(fieldFromValue('ab'), [
      ['', {leftArrow: true}],
      ['', {leftArrow: true}],
    ]);
    assert.equal(left.state.cursor, 0);
    assert.equal(apply(left.state, [['', {leftArrow: true}]]).state.cursor, 0);
  });

  it('clears with Ctrl+U, goes home and end with Ctrl+A and Ctrl+E', () => {
    assert.deepEqual(editField(fieldFromValue('secret'), 'u', inkKey({ctrl: true})).state, empty);
    const home = editField(fieldFromValue('abc'), 'a', inkKey({ctrl: true})).state;
    assert.deepEqual(home, {value: 'abc', cursor: 0});
    assert.deepEqual(editField(home, 'e', inkKey({ctrl: true})).state, {value: 'abc', cursor: 3});
  });

  it('deletes the word before the cursor with Ctrl+W, spaces included', () => {
    const edit = editField(fieldFromValue('cn=svc mse  '), 'w', inkKey({ctrl: true}));
    assert.deepEqual(edit.state, {value: 'cn=svc ', cursor: 7});
    const middle = editField({value: 'one two three', cursor: 7}, 'w', inkKey({ctrl: true}));
    assert.deepEqual(middle.state, {value: 'one  three', cursor: 4});
  });

  it('moves and deletes by word: Ctrl or Alt on the arrows, Alt+Backspace, Ctrl+Delete', () => {
    const start = {value: 'cn=svc mse', cursor: 10};
    const wordLeft = editField(start, '', inkKey({leftArrow: true, ctrl: true})).state;
    assert.equal(wordLeft.cursor, 7);
    const wordRight = editField({...start, cursor: 0}, '', inkKey({rightArrow: true, meta: true}));
    assert.equal(wordRight.state.cursor, 6);
    const altBackspace = editField(start, '', inkKey({backspace: true, meta: true})).state;
    assert.deepEqual(altBackspace, {value: 'cn=svc ', cursor: 7});
    const ctrlDelete = editField({...start, cursor: 0}, '', inkKey({delete: true, ctrl: true}));
    assert.deepEqual(ctrlDelete.state, {value: ' mse', cursor: 0});
  });

  it('inserts nothing for other Ctrl letters, Alt letters, Esc, Tab or vertical keys', () => {
    const start = fieldFromValue('ab');
    const keys: Event[] = [
      ['k', {ctrl: true}],
      ['c', {ctrl: true}],
      ['x', {meta: true}],
      ['', {escape: true, meta: true}],
      ['', {tab: true}],
      ['', {upArrow: true}],
      ['', {downArrow: true}],
      ['', {pageDown: true}],
    ];
    assert.deepEqual(apply(start, keys), {state: start, submitted: []});
  });

  it('types text that looks like what Ink leaves of an escape sequence (the guard drops those)', () => {
    const start = fieldFromValue('ab');
    for (const text of ['[1m', '[A', '[x]']) {
      assert.equal(editField(start, text, inkKey()).state.value, `ab${text}`, text);
    }
  });

  it('counts the cursor in code points, so é and 😀 are one step each', () => {
    const start = fieldFromValue('é😀');
    const left = editField(start, '', inkKey({leftArrow: true})).state;
    assert.equal(left.cursor, 1);
    const inserted = editField(left, 'x', inkKey()).state;
    assert.deepEqual(inserted, {value: 'éx😀', cursor: 2});
    const deleted = editField(fieldFromValue('é😀'), '', inkKey({backspace: true})).state;
    assert.deepEqual(deleted, {value: 'é', cursor: 1});
    const forward = editField({value: 'é😀x', cursor: 1}, '', inkKey({delete: true})).state;
    assert.deepEqual(forward, {value: 'éx', cursor: 1});
  });

  it('clamps a cursor that lies outside the value', () => {
    const edit = editField({value: 'ab', cursor: 9}, 'c', inkKey());
    assert.deepEqual(edit.state, {value: 'abc', cursor: 3});
  });
});
