import type {FieldState} from './text-field-state.js';

/** A field split around its cursor cell, ready for a view to style the cursor. */
export type FieldDisplay = {
  readonly before: string;
  /** The cell under the cursor: a character, a space at the end, or '' when not focused. */
  readonly atCursor: string;
  readonly after: string;
};

export type FieldDisplayOptions = {
  readonly focused: boolean;
  readonly masked?: boolean;
  /** Columns for the value, cursor cell included; a longer value scrolls to keep the cursor. */
  readonly width?: number;
};

/**
 * What a field shows. A masked field shows one `*` per code point, so `é😀` is `**` and the
 * characters themselves never reach the screen.
 *
 * Limitation: the window is counted in code points, so a value with wide (CJK, emoji)
 * characters can run a few columns past `width`.
 */
export function fieldDisplay(field: FieldState, options: FieldDisplayOptions): FieldDisplay {
  const chars = options.masked ? [...field.value].map(() => '*') : [...field.value];
  const width = Math.max(1, options.width ?? Number.POSITIVE_INFINITY);

  if (!options.focused) {
    return {before: chars.slice(0, width).join(''), atCursor: '', after: ''};
  }

  const cursor = Math.min(Math.max(0, field.cursor), chars.length);
  const start = Math.max(0, cursor - width + 1);
  const end = start + width;
  return {
    before: chars.slice(start, cursor).join(''),
    atCursor: chars[cursor] ?? ' ',
    after: chars.slice(cursor + 1, end).join(''),
  };
}
