import type {ReactNode} from 'react';
import {Paragraph, paragraphLines} from '../components/Paragraph.js';
import {Box, Text} from 'ink';
import {KeyHints} from '../components/KeyHints.js';
import type {KeyHint} from '../components/KeyHints.js';
import {OneLine} from '../components/OneLine.js';
import {useTerminalCaps} from '../components/use-terminal-caps.js';

export type ScreenFrameProps = {
  readonly title: string;
  readonly hints: readonly KeyHint[];
  readonly warning: string | null;
  readonly notice: string | null;
  /** Lines the frame may use: the terminal's rows minus one, so Ink never clears the screen. */
  readonly height: number;
  readonly width: number;
  readonly children: ReactNode;
};

/** A warning (weaker storage, the demo) may take two lines: its reason matters. */
export const warningMaxLines = 2;

/** The lines the header takes: the title, the warning wrapped, the notice. */
export function headerLines(warning: string | null, notice: string | null, width: number) {
  const warningLines = warning ? paragraphLines(`! ${warning}`, width, warningMaxLines).length : 0;
  return 1 + warningLines + (notice ? 1 : 0);
}

/**
 * Title, optional warning and notice, the screen's body, and the key hints at the bottom. The
 * header and the hints (wrapped at the width when they must) never give way; a body taller than the space
 * left is cut at the bottom rather than squeezed, so no line is ever drawn half-wrapped.
 */
export function ScreenFrame(props: ScreenFrameProps) {
  const {tint} = useTerminalCaps();
  return (
    <Box flexDirection="column" height={props.height} width={props.width}>
      <Box flexDirection="column" flexShrink={0}>
        <OneLine>
          <Text bold>mse-bind - {props.title}</Text>
        </OneLine>
        {props.warning ? (
          <Paragraph
            text={`! ${props.warning}`}
            width={props.width}
            maxLines={warningMaxLines}
            color={tint('yellow')}
          />
        ) : null}
        {props.notice ? <OneLine>{props.notice}</OneLine> : null}
      </Box>
      <Box flexDirection="column" flexGrow={1} flexShrink={1} marginTop={1} overflow="hidden">
        <Box flexDirection="column" flexShrink={0}>
          {props.children}
        </Box>
      </Box>
      <Box flexShrink={0}>
        <KeyHints hints={props.hints} width={props.width} />
      </Box>
    </Box>
  );
}
