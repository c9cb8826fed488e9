import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {splitChunk} from '../src/input-chunks.js';

/** A chunk's keys, each written as its text or as the name of the key. */
function keysOf(chunk: string): string[] {
  return splitChunk(chunk).map(({input, key}) => {
    if (key.return) return 'Enter';
    if (key.tab) return 'Tab';
    if (key.backspace) return 'Backspace';
    if (key.delete) return 'Delete';
    if (key.ctrl) return `Ctrl+${input}`;
    return input;
  });
}

describe('splitChunk', () => {
  it('takes each form of a pasted line ending as one Enter', () => {
    for (const ending of ['\r', '\n', '\r\n', '\r\r']) {
      assert.deepEqual(keysOf(`pw${ending}`), ['pw', 'Enter'], JSON.stringify(ending));
    }
    assert.deepEqual(keysOf('a\r\rb\r\r'), ['a', 'Enter', 'b', 'Enter']);
    assert.deepEqual(keysOf('a\r\n\r\nb'), ['a', 'Enter', 'Enter', 'b'], 'a blank line');
    assert.deepEqual(keysOf('a\r\r\r\rb'), ['a', 'Enter', 'Enter', 'b'], 'the same, via tmux');
  });

  it('keeps Enters typed ahead on their own apart, and a lone LF is one Enter', () => {
    assert.deepEqual(keysOf('\r\r'), ['Enter', 'Enter']);
    assert.deepEqual(keysOf('\n'), ['Enter']);
    assert.deepEqual(keysOf('\n\n'), ['Enter', 'Enter']);
  });

  it('takes DEL and BS as Backspace, never as Delete, and drops other controls', () => {
    assert.deepEqual(keysOf('ab\u007Fc\bd'), ['ab', 'Backspace', 'c', 'Backspace', 'd']);
    assert.deepEqual(keysOf('a\u0000b\tc\u0015'), ['a', 'b', 'Tab', 'c', 'Ctrl+u']);
  });
});
