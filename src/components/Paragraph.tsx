import {Box, Text} from 'ink';
import wrapAnsi from 'wrap-ansi';

export type ParagraphProps = {
  readonly text: string;
  /** Columns the text wraps at. */
  readonly width: number;
  /** Lines it may take at most; longer text is cut, so the screen below keeps its place. */
  readonly maxLines: number;
  readonly color?: string;
};

/**
 * Wrapped text of bounded height: a cause or fix quoting a 5,000-character input stays short.
 * It is wrapped here, at word boundaries with no line starting on a space, so the box is
 * exactly as tall as the text and a screen can count the lines it takes.
 */
export function Paragraph({text, width, maxLines, color}: ParagraphProps) {
  const lines = paragraphLines(text, width, maxLines);
  return (
    <Box height={lines.length} overflow="hidden" flexShrink={0}>
      <Text color={color}>{lines.join('\n')}</Text>
    </Box>
  );
}

/** The lines `text` takes at `width`, at most `maxLines`, the last one marked when cut. */
export function paragraphLines(text: string, width: number, maxLines: number): string[] {
  const columns = Math.max(1, width);
  const room = columns * maxLines;
  const shown = text.length > room ? `${text.slice(0, room - 4)}...` : text;
  const lines = wrapAnsi(shown, columns, {hard: true, trim: true}).split('\n');
  if (lines.length <= maxLines) return lines;
  return [...lines.slice(0, maxLines - 1), cutLine(lines[maxLines - 1] ?? '', columns)];
}

/** The last line that fits, marked as cut: word wrapping can need more lines than `room`. */
function cutLine(line: string, columns: number): string {
  return line.length + 3 > columns ? `${line.slice(0, columns - 3)}...` : `${line}...`;
}
