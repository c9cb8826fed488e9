import type {TerminalCaps} from './terminal-caps.js';

/** Every glyph the components draw besides text, in one place so ASCII mode is complete. */
export type Symbols = {
  readonly passed: string;
  readonly failed: string;
  readonly waiting: string;
  readonly skipped: string;
  readonly separator: string;
  readonly spinnerFrames: readonly [string, ...string[]];
  /** How often the spinner should advance; the owner of `now` ticks at this rate. */
  readonly spinnerIntervalMs: number;
};

export const asciiSymbols: Symbols = {
  passed: '+',
  failed: 'x',
  waiting: ' ',
  skipped: '-',
  separator: '-',
  spinnerFrames: ['-', '\\', '|', '/'],
  spinnerIntervalMs: 130,
};

/**
 * Glyphs that string-width and the usual terminal fonts agree are one column wide; no emoji.
 * The spinner keeps the slow ASCII rate: every frame re-renders the whole screen.
 */
export const unicodeSymbols: Symbols = {
  passed: '✓',
  failed: '✗',
  waiting: ' ',
  skipped: '-',
  separator: '·',
  spinnerFrames: ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'],
  spinnerIntervalMs: 130,
};

export function symbolsFor(caps: TerminalCaps): Symbols {
  return caps.unicode ? unicodeSymbols : asciiSymbols;
}

/** The spinner frame for a step that has been running for `elapsedMs`. */
export function spinnerFrame(symbols: Symbols, elapsedMs: number): string {
  const frames = symbols.spinnerFrames;
  const index = Math.floor(Math.max(0, elapsedMs) / symbols.spinnerIntervalMs) % frames.length;
  return frames[index] ?? frames[0];
}

/**
 * Ink marks truncated text with `…`, which conhost fonts may not draw. In ASCII mode the last
 * three columns of a truncated line become `...` instead (style codes after it are kept).
 */
export function asciiEllipsis(line: string): string {
  // Style codes (ESC [ … m) are what this has to step over, hence the control characters.
  // eslint-disable-next-line no-control-regex
  const match = /…((?:\u001B\[[0-9;]*m)*)$/u.exec(line);
  if (!match) return line;

  // Drop the two visible characters before the ellipsis, stepping over style codes.
  // eslint-disable-next-line no-control-regex
  const tokens = line.slice(0, match.index).match(/\u001B\[[0-9;]*m|[^]/gu) ?? [];
  let toDrop = 2;
  for (let index = tokens.length - 1; index >= 0 && toDrop > 0; index -= 1) {
    if (tokens[index]?.startsWith('\u001B')) continue;
    tokens.splice(index, 1);
    toDrop -= 1;
  }
  return tokens.join('') + '...' + (match[1] ?? '');
}
