import {Box, Text} from 'ink';

export type ParagraphProps = {
  readonly text: string;
  /** Columns the text wraps at. */
  readonly width: number;
  /** Lines it may take at most; longer text is cut, so the screen below keeps its place. */
  readonly maxLines: number;
};

/** Wrapped text of bounded height: a cause or fix quoting a 5,000-character input stays short. */
export function Paragraph({text, width, maxLines}: ParagraphProps) {
  const room = Math.max(1, width) * maxLines;
  const shown = text.length > room ? `${text.slice(0, room - 4)}...` : text;
  const lines = Math.min(maxLines, Math.max(1, Math.ceil(shown.length / Math.max(1, width))) + 1);
  return (
    <Box height={lines} overflow="hidden" flexShrink={0}>
      <Text>{shown}</Text>
    </Box>
  );
}
