import type {Key} from 'ink';
import {inkKey} from './components/ink-key.js';
import {hasControlCharacter, isControlCode} from './bind/control-characters.js';

/** One key of a chunk: a run of printable text, or one key as Ink reports it on its own. */
export type ChunkKey = {readonly input: string; readonly key: Key};

const enter = inkKey({return: true});
const tab = inkKey({tab: true});
const backspace = inkKey({backspace: true});
const text = inkKey();

export {hasControlCharacter};

/**
 * Splits a chunk of input (a paste, or keys typed ahead over a slow RDP or SSH link) into the
 * keys it holds, as Ink would have reported them one by one: Enter for a line break, Tab,
 * Backspace (DEL or BS), Ctrl+letter, and runs of text. Other control characters are dropped;
 * escape sequences never get here (Ink splits a chunk around them, the input guard drops
 * those the program does not use).
 *
 * A line break is one Enter whichever form it takes: CR, LF, CR LF, and CR CR in a chunk that
 * holds text. The last is a Windows line ending (CR LF) pasted through a terminal that turns
 * every LF of a paste into CR, as tmux does (seen) and xterm (inferred from its manual).
 *
 * Limitation: Enter pressed twice in a row, typed ahead into one chunk together with some
 * text, counts once (it cannot be told from such a line ending); and a CR LF split across two
 * reads counts twice.
 */
export function splitChunk(input: string): ChunkKey[] {
  const keys: ChunkKey[] = [];
  let run = '';
  const holdsText = [...input].some((char) => !isControlCode(char.charCodeAt(0)));
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
    if (char === '\r' || char === '\n') {
      keys.push({input: '', key: enter});
      const next = input.charAt(index + 1);
      if (char === '\r' && (next === '\n' || (next === '\r' && holdsText))) index += 1;
    } else if (char === '\t') keys.push({input: '', key: tab});
    else if (code === 0x7f || code === 0x08) keys.push({input: '', key: backspace});
    else if (code >= 0x01 && code <= 0x1a) {
      keys.push({input: String.fromCharCode(code + 0x60), key: inkKey({ctrl: true})});
    }
  }
  flush();
  return keys;
}
