import type {ReactNode} from 'react';
import {Box, Text} from 'ink';
import {KeyHints} from '../components/KeyHints.js';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import type {KeyHint} from '../components/KeyHints.js';

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

/** Title, optional warning and notice, the screen's body, and the key hints at the bottom. */
export function ScreenFrame(props: ScreenFrameProps) {
  const {tint} = useTerminalCaps();
  return (
    <Box flexDirection="column" height={props.height} width={props.width}>
      <Text bold>mse-bind - {props.title}</Text>
      {props.warning ? <Text color={tint('yellow')}>! {props.warning}</Text> : null}
      {props.notice ? <Text>{props.notice}</Text> : null}
      <Box flexDirection="column" flexGrow={1} marginTop={1} overflow="hidden">
        {props.children}
      </Box>
      <KeyHints hints={props.hints} />
    </Box>
  );
}
