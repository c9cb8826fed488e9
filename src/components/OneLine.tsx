import {createElement} from 'react';
import type {ReactNode} from 'react';
import {Text} from 'ink';
import {asciiEllipsis} from './symbols.js';
import {useTerminalCaps} from './use-terminal-caps.js';

export type OneLineProps = {
  /** Text, possibly with nested styled `<Text>`; cut at the edge, never wrapped. */
  readonly children: ReactNode;
  readonly dimColor?: boolean;
};

/** One terminal line whatever the width: the layout budget (80x25) counts on it. */
export function OneLine({children, dimColor}: OneLineProps) {
  const {unicode} = useTerminalCaps();
  const text = (
    <Text wrap="truncate-end" dimColor={dimColor}>
      {children}
    </Text>
  );
  return unicode ? text : asciiTruncated(text);
}

/**
 * Ink cuts a line with `…` and offers no other mark. `<Transform>` cannot help: it wraps its
 * children instead of truncating them. So this builds the element `<Text>` and `<Transform>`
 * are made of, Ink's `ink-text` node, with both truncation and a transform that swaps `…` for
 * `...` after the cut. The styled `<Text>` inside becomes nested text, as in any `<Text>`.
 *
 * Limitation: `ink-text` and its `internal_transform` prop are Ink internals (pinned at 6.8.0);
 * the ASCII-mode tests fail if an upgrade changes them.
 */
function asciiTruncated(text: ReactNode) {
  const style = {flexGrow: 0, flexShrink: 1, flexDirection: 'row', textWrap: 'truncate-end'};
  return createElement('ink-text', {style, internal_transform: asciiEllipsis}, text);
}
