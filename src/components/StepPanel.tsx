import {Box, Text} from 'ink';
import {OneLine} from './OneLine.js';
import {Paragraph} from './Paragraph.js';
import {formatDuration, formatElapsed} from './format-duration.js';
import {spinnerFrame} from './symbols.js';
import {useTerminalCaps} from './use-terminal-caps.js';

/** Where a bind step stands; times are milliseconds on the same clock as `now`. */
export type StepPanelStatus =
  | {readonly kind: 'waiting'}
  | {readonly kind: 'running'; readonly startedAt: number}
  | {readonly kind: 'passed'; readonly fact: string; readonly ms: number}
  | {readonly kind: 'failed'; readonly message: string; readonly fix: string}
  | {readonly kind: 'skipped'; readonly reason: string};

export type StepPanelProps = {
  readonly number: number;
  readonly title: string;
  readonly status: StepPanelStatus;
  /**
   * The current time. The spinner and the elapsed seconds are computed from it, so the panel
   * has no timer of its own: the owner re-renders every `symbols.spinnerIntervalMs` while a
   * step runs.
   */
  readonly now: number;
  /**
   * Where there is room (the result of a bind that passed), a passed step's fact goes on its
   * own lines under the heading, wrapped at this width, instead of being cut at the edge.
   */
  readonly factWidth?: number;
};

/**
 * One bind step: a single line while waiting, running, passed or skipped, and three lines when
 * it failed (what went wrong, then the fix), so five panels and a header fit in 80x25. With
 * `factWidth`, a passed step takes up to three: the heading, then its fact on two.
 */
export function StepPanel({number, title, status, now, factWidth}: StepPanelProps) {
  const {symbols, tint} = useTerminalCaps();
  const heading = `${number}. ${title}`;
  const sep = symbols.separator;

  switch (status.kind) {
    case 'waiting':
      return (
        <OneLine dimColor>
          [{symbols.waiting}] {heading}
        </OneLine>
      );

    case 'running': {
      const elapsed = now - status.startedAt;
      return (
        <OneLine>
          [<Text color={tint('cyan')}>{spinnerFrame(symbols, elapsed)}</Text>] {heading}{' '}
          <Text dimColor>{formatElapsed(elapsed)}</Text>
        </OneLine>
      );
    }

    case 'passed':
      if (factWidth !== undefined) {
        return (
          <Box flexDirection="column">
            <OneLine>
              [<Text color={tint('green')}>{symbols.passed}</Text>] {heading}{' '}
              <Text dimColor>({formatDuration(status.ms)})</Text>
            </OneLine>
            <Box paddingLeft={4}>
              <Paragraph text={status.fact} width={factWidth - 4} maxLines={2} />
            </Box>
          </Box>
        );
      }
      return (
        <OneLine>
          [<Text color={tint('green')}>{symbols.passed}</Text>] {heading}{' '}
          <Text dimColor>({formatDuration(status.ms)})</Text> {sep} {status.fact}
        </OneLine>
      );

    // Limitation: a message or fix longer than the terminal is cut at the edge here; the full
    // text has to be shown by the screen that reports the failure.
    case 'failed':
      return (
        <Box flexDirection="column">
          <OneLine>
            [<Text color={tint('red')}>{symbols.failed}</Text>] {heading} {sep} failed
          </OneLine>
          <OneLine>
            {'    '}
            <Text color={tint('red')}>{status.message}</Text>
          </OneLine>
          <OneLine>
            {'    '}Fix: {status.fix}
          </OneLine>
        </Box>
      );

    case 'skipped':
      return (
        <OneLine dimColor>
          [{symbols.skipped}] {heading} {sep} skipped: {status.reason}
        </OneLine>
      );

    default: {
      const exhaustive: never = status;
      return exhaustive;
    }
  }
}
