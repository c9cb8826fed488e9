import {Fragment} from 'react';
import {Box, Text} from 'ink';
import {OneLine} from './OneLine.js';

/** One key and what it does on the current screen, e.g. `{key: 'Esc', action: 'back'}`. */
export type KeyHint = {readonly key: string; readonly action: string};

export type KeyHintsProps = {
  readonly hints: readonly KeyHint[];
  /**
   * Where the hints may wrap: lines of whole hints at most this wide, so a narrow terminal
   * still shows every key. Without it, one line cut at the edge.
   */
  readonly width?: number;
};

const gap = '  ';

const hintText = (hint: KeyHint) => `${hint.key} ${hint.action}`;

/** The hints packed into lines of at most `width` columns, each hint whole where it fits. */
export function keyHintLines(hints: readonly KeyHint[], width: number): KeyHint[][] {
  const lines: KeyHint[][] = [];
  let current: KeyHint[] = [];
  let used = 0;
  for (const hint of hints) {
    const length = hintText(hint).length;
    if (current.length > 0 && used + gap.length + length > width) {
      lines.push(current);
      current = [];
      used = 0;
    }
    used += (current.length > 0 ? gap.length : 0) + length;
    current.push(hint);
  }
  if (current.length > 0) lines.push(current);
  return lines;
}

function HintLine({hints}: {readonly hints: readonly KeyHint[]}) {
  return (
    <OneLine>
      {hints.map((hint, index) => (
        <Fragment key={hint.key}>
          {index > 0 ? gap : ''}
          <Text bold>{hint.key}</Text> {hint.action}
        </Fragment>
      ))}
    </OneLine>
  );
}

/** The screen's keys: `Enter next  Esc back  Tab field  Ctrl+C quit`. */
export function KeyHints({hints, width}: KeyHintsProps) {
  if (width === undefined) return <HintLine hints={hints} />;
  return (
    <Box flexDirection="column">
      {keyHintLines(hints, width).map((line) => (
        <HintLine key={line[0]?.key} hints={line} />
      ))}
    </Box>
  );
}
