import type {Key} from 'ink';
import {inkKey} from './components/ink-key.js';
import {hasControlCharacter, isControlCode} from './bind/control-characters.js';

/** One key of a chunk: a run of printable text, or one key as Ink reports it on its own. */
export type ChunkKey = {readonly input: string; readonly key: Key};

const enter = inkKey({return: true});
const tab = inkKey({tab: true});
// Ink 6 reports the Backspace key (DEL) as `delete`; both delete to the left in a field.
const backspace = inkKey({delete: true});
const text = inkKey();

export {hasControlCharacter};

/**
 * Splits a chunk of input (a paste, or keys typed ahead over a slow RDP or SSH link) into the
 * keys it holds, as Ink would have reported them one by one: Enter for a line break (CR LF
 * once), Tab, Backspace, Ctrl+letter, and runs of text. Other control characters are dropped;
 * Ink has already split the chunk around escape sequences.
 */
export function splitChunk(input: string): ChunkKey[] {
  const keys: ChunkKey[] = [];
  let run = '';
  const flush = () => {
    if (run !== '') keys.push({input: run, key: text});
    run = '';
  };
  for (let index = 0; index < input.length; index++) {
    const char = input.charAt(index);
    const code = input.charCodeAt(index);
    if (!isControlCode(code)) {
      run += char;
      continue;
    }
    flush();
    if (char === '\n' && input.charAt(index - 1) === '\r') continue;
    if (char === '\r' || char === '\n') keys.push({input: '', key: enter});
    else if (char === '\t') keys.push({input: '', key: tab});
    else if (code === 0x7f || code === 0x08) keys.push({input: '', key: backspace});
    else if (code >= 0x01 && code <= 0x1a) {
      keys.push({input: String.fromCharCode(code + 0x60), key: inkKey({ctrl: true})});
    }
  }
  flush();
  return keys;
}
