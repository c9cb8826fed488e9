import {Box, Text} from 'ink';
import wrapAnsi from 'wrap-ansi';

export type ParagraphProps = {
  readonly text: string;
  /** Columns the text wraps at. */
  readonly width: number;
  /** Lines it may take at most; longer text is cut, so the screen below keeps its place. */
  readonly maxLines: number;
};

/**
 * Wrapped text of bounded height: a cause or fix quoting a 5,000-character input stays short.
 * It is wrapped here as Ink wraps it (wrap-ansi, hard, untrimmed: Ink's own dependency), so
 * the box is exactly as tall as the text.
 */
export function Paragraph({text, width, maxLines}: ParagraphProps) {
  const columns = Math.max(1, width);
  const room = columns * maxLines;
  const shown = text.length > room ? `${text.slice(0, room - 4)}...` : text;
  const lines = wrapAnsi(shown, columns, {hard: true, trim: false}).split('\n');
  const kept =
    lines.length > maxLines
      ? [...lines.slice(0, maxLines - 1), lastLine(lines, maxLines, columns)]
      : lines;
  return (
    <Box height={kept.length} overflow="hidden" flexShrink={0}>
      <Text>{kept.join('\n')}</Text>
    </Box>
  );
}

/** The last line that fits, marked as cut: word wrapping can need more lines than `room`. */
function lastLine(lines: readonly string[], maxLines: number, columns: number): string {
  const line = lines[maxLines - 1] ?? '';
  return line.length + 3 > columns ? `${line.slice(0, columns - 3)}...` : `${line}...`;
}
