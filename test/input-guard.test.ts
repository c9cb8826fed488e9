import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {createInputGuard} from '../src/input-guard.js';

/**
 * The guard works on Ink's input events: a run of text, or one escape sequence as Ink's
 * parser split it off. Each case is one burst of such events.
 */
function passed(...events: string[]): string[] {
  const guard = createInputGuard();
  return events.flatMap((event) => guard.pass(event));
}

const ESC = '\u001B';

describe('input guard', () => {
  it('passes text, and the keys the program acts on with or without modifiers', () => {
    const keys = [
      'abc',
      '\r',
      '\t',
      '\b',
      '\u0003',
      ESC,
      ESC + ESC,
      ESC + '[A',
      ESC + '[1;5D',
      ESC + '[1;3C',
      ESC + ESC + '[B',
      ESC + 'OA',
      ESC + 'OH',
      ESC + '[H',
      ESC + '[F',
      ESC + '[1~',
      ESC + '[4~',
      ESC + '[7~',
      ESC + '[8~',
      ESC + '[3~',
      ESC + '[3;5~',
      ESC + '[5~',
      ESC + '[6~',
      ESC + '[[5~',
      ESC + '[Z',
      ESC + '[1;2Z',
      ESC + '[a',
      ESC + 'Od',
      ESC + 'x',
      ESC + '\r',
      ESC + '\b',
    ];
    for (const key of keys) assert.deepEqual(passed(key), [key], JSON.stringify(key));
  });

  it('hands Backspace (DEL) on as BS, which Ink names backspace, and Alt+Backspace too', () => {
    assert.deepEqual(passed('\u007F'), ['\b']);
    assert.deepEqual(passed(ESC + '\u007F'), [ESC + '\b']);
    assert.deepEqual(passed('ab\u007Fc'), ['ab\u007Fc'], 'inside text it stays for the split');
  });

  it('drops function keys, reports, colours and every other sequence it does not use', () => {
    const dropped = [
      ESC + 'OP',
      ESC + '[1;5P',
      ESC + '[1;2Q',
      ESC + '[11~',
      ESC + '[15;5~',
      ESC + '[24;6~',
      ESC + '[25~',
      ESC + '[[A',
      ESC + '[[E',
      ESC + '[0K',
      ESC + '[31m',
      ESC + '[38;5;208m',
      ESC + '[12;40H',
      ESC + '[?1049h',
      ESC + '[>0c',
      ESC + '[I',
      ESC + '[O',
      ESC + '[2~',
      ESC + '[E',
      ESC + '[200~',
      ESC + '[201~',
      ESC + '[27;5;105~',
      ESC + '[105;5u',
      ESC + '[<0;10;5M',
      ESC + ESC + '[1;5P',
      ESC + 'OM',
      ESC + 'Oj',
      // What an incomplete sequence leaves when Ink gives up waiting for the rest of it.
      ESC + '[',
      ESC + 'O',
      ESC + '[1;5',
      ESC + '[200',
    ];
    for (const sequence of dropped)
      assert.deepEqual(passed(sequence), [], JSON.stringify(sequence));
  });

  it('drops control strings (OSC, DCS, APC) to their BEL or ST, and keeps what follows', () => {
    assert.deepEqual(passed('a', ESC + ']', '0;title\u0007b'), ['a', 'b']);
    assert.deepEqual(passed(ESC + ']', '8;;https://x.example/', ESC + '\\', 'c'), ['c']);
    assert.deepEqual(passed(ESC + 'P', '+q544e', ESC + '\\'), []);
    assert.deepEqual(passed(ESC + '_', 'Gi=1', ESC + '\\', 'd'), ['d']);
    assert.deepEqual(passed(ESC + ']', '52;c;', 'aGVsbG8=\u0007e'), ['e'], 'across events');
    assert.deepEqual(passed(ESC + ']', '0;t', ESC + '[A'), [ESC + '[A'], 'ended by a key');
  });

  it('does not wait for the end of a control string once the input that opened it is over', () => {
    const guard = createInputGuard();
    assert.deepEqual(guard.pass(ESC + ']'), [], 'Alt+] opens an OSC string');
    guard.reset();
    assert.deepEqual(guard.pass('x'), ['x'], 'a key typed later is not part of it');
  });
});
