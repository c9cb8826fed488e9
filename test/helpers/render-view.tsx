import type {ReactElement} from 'react';
import {renderToString} from 'ink';
import {stripVTControlCharacters} from 'node:util';
import type {TerminalCaps} from '../../src/components/terminal-caps.js';
import {TerminalCapsProvider} from '../../src/components/use-terminal-caps.js';

export const asciiCaps: TerminalCaps = {unicode: false, color: false};
export const unicodeCaps: TerminalCaps = {unicode: true, color: true};

/**
 * Renders a view once, synchronously, as the given terminal would show it: styles removed, and
 * with them the trailing spaces that only carried a style (the cursor cell at the end).
 */
export function renderView(
  view: ReactElement,
  caps: TerminalCaps = asciiCaps,
  columns = 80,
): string {
  const plain = stripVTControlCharacters(renderRawView(view, caps, columns));
  return plain
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n');
}

/** Like `renderView`, styles kept (they appear only when chalk has colour enabled). */
export function renderRawView(view: ReactElement, caps: TerminalCaps, columns = 80): string {
  return renderToString(<TerminalCapsProvider value={caps}>{view}</TerminalCapsProvider>, {
    columns,
  });
}
