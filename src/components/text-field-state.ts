import type {Key} from 'ink';

/** A text field's content and caret; `cursor` counts code points, so an emoji is one step. */
export type FieldState = {readonly value: string; readonly cursor: number};

/** The field after one input event, and whether that event asked to submit it. */
export type FieldEdit = {readonly state: FieldState; readonly submitted: boolean};

export function fieldFromValue(value: string): FieldState {
  return {value, cursor: [...value].length};
}

/**
 * Applies one Ink input event to a field. Ink hands over a paste or SSH type-ahead as a single
 * `input` string (it splits only around escape sequences), so the whole chunk is applied here
 * against the current state: nothing is lost, and a line break inside it means Enter.
 */
export function editField(state: FieldState, input: string, key: Key): FieldEdit {
  const chars = [...state.value];
  const cursor = clamp(state.cursor, 0, chars.length);

  if (key.return) return {state: {value: state.value, cursor}, submitted: true};

  // The input guard hands Backspace on as `backspace` (Ink 6 alone names it `delete`).
  if (key.backspace) return deleteBefore(chars, cursor, key);
  if (key.delete) return deleteAfter(chars, cursor, key);

  if (key.leftArrow) {
    const to = key.ctrl || key.meta ? wordStartBefore(chars, cursor) : cursor - 1;
    return moved(chars, to);
  }
  if (key.rightArrow) {
    const to = key.ctrl || key.meta ? wordEndAfter(chars, cursor) : cursor + 1;
    return moved(chars, to);
  }
  if (key.home) return moved(chars, 0);
  if (key.end) return moved(chars, chars.length);

  if (key.ctrl) return controlKey(chars, cursor, input);

  // Alt+letter, Esc, Tab and vertical movement belong to the screen, not to the text.
  const screenKey = key.meta || key.escape || key.tab || key.upArrow || key.downArrow;
  if (screenKey || key.pageUp || key.pageDown) return unchanged(chars, cursor);

  return typeChunk(chars, cursor, input);
}

/** Backspace: the character before the cursor; with Alt, the word before it. */
function deleteBefore(chars: string[], cursor: number, key: Key): FieldEdit {
  const from = key.meta ? wordStartBefore(chars, cursor) : Math.max(0, cursor - 1);
  return removed(chars, from, cursor);
}

/** Delete: the character under the cursor; with Ctrl or Alt, the word after it. */
function deleteAfter(chars: string[], cursor: number, key: Key): FieldEdit {
  const to = key.ctrl || key.meta ? wordEndAfter(chars, cursor) : cursor + 1;
  return removed(chars, cursor, Math.min(to, chars.length));
}

function controlKey(chars: string[], cursor: number, input: string): FieldEdit {
  switch (input) {
    case 'u':
      return removed(chars, 0, chars.length);
    case 'a':
      return moved(chars, 0);
    case 'e':
      return moved(chars, chars.length);
    case 'w':
      return removed(chars, wordStartBefore(chars, cursor), cursor);
    default:
      // Every other Ctrl+letter is a command for the screen (or nothing), never text.
      return unchanged(chars, cursor);
  }
}

/**
 * Types a chunk one code point at a time: printable text is inserted, a Backspace typed ahead
 * (\x7f or \b) deletes, the first line break submits and ends the chunk (whatever follows it is
 * dropped), and every other control character is skipped.
 */
function typeChunk(chars: string[], cursor: number, input: string): FieldEdit {
  let current = chars;
  let at = cursor;

  for (const char of input) {
    if (char === '\r' || char === '\n') {
      return {state: stateOf(current, at), submitted: true};
    }
    if (char === '\u007F' || char === '\b') {
      if (at > 0) {
        current = [...current.slice(0, at - 1), ...current.slice(at)];
        at -= 1;
      }
      continue;
    }
    if (isControlCharacter(char)) continue;

    current = [...current.slice(0, at), char, ...current.slice(at)];
    at += 1;
  }

  return {state: stateOf(current, at), submitted: false};
}

/** C0 controls, DEL and C1 controls: never part of a value. */
function isControlCharacter(char: string): boolean {
  const code = char.codePointAt(0) ?? 0;
  return code < 0x20 || (code >= 0x7f && code <= 0x9f);
}

/** Readline's rule: skip spaces to the left, then the word before them. */
function wordStartBefore(chars: string[], cursor: number): number {
  let at = cursor;
  while (at > 0 && isSpace(chars[at - 1])) at -= 1;
  while (at > 0 && !isSpace(chars[at - 1])) at -= 1;
  return at;
}

function wordEndAfter(chars: string[], cursor: number): number {
  let at = cursor;
  while (at < chars.length && isSpace(chars[at])) at += 1;
  while (at < chars.length && !isSpace(chars[at])) at += 1;
  return at;
}

function isSpace(char: string | undefined): boolean {
  return char !== undefined && /\s/u.test(char);
}

function removed(chars: string[], from: number, to: number): FieldEdit {
  return {state: stateOf([...chars.slice(0, from), ...chars.slice(to)], from), submitted: false};
}

function moved(chars: string[], to: number): FieldEdit {
  return unchanged(chars, clamp(to, 0, chars.length));
}

function unchanged(chars: string[], cursor: number): FieldEdit {
  return {state: stateOf(chars, cursor), submitted: false};
}

function stateOf(chars: string[], cursor: number): FieldState {
  return {value: chars.join(''), cursor};
}

function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}
