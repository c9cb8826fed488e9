import {Text} from 'ink';
import {OneLine} from './OneLine.js';
import {useTerminalCaps} from './use-terminal-caps.js';

/** The engine's state as the play control shows it. */
export type PlayState = 'running' | 'paused' | 'starting' | 'halted';

export type PlayControlProps = {
  readonly state: PlayState;
  readonly focused?: boolean;
};

const labels: Readonly<Record<PlayState, {button: string; action: string; engine: string}>> = {
  paused: {button: '[ > ]', action: 'Start', engine: 'engine paused'},
  running: {button: '[ || ]', action: 'Pause', engine: 'engine running'},
  starting: {button: '[ .. ]', action: 'Starting', engine: 'engine starting'},
  // Started, but its checks stopped until the site is re-bound; pressing checks once more.
  halted: {button: '[ > ]', action: 'Check again', engine: 'checks stopped: re-bind needed'},
};

/**
 * Starts or pauses the engine. The button names what pressing it does (`[ > ] Start` while
 * paused, `[ || ] Pause` while running), and the engine's state follows it; ASCII only, so it
 * draws the same on every console.
 */
export function PlayControl({state, focused = false}: PlayControlProps) {
  const {tint} = useTerminalCaps();
  const label = labels[state];
  const stateColor =
    state === 'running' ? tint('green') : state === 'halted' ? tint('red') : tint('yellow');

  return (
    <OneLine>
      {focused ? '> ' : '  '}
      <Text inverse={focused} bold>
        {label.button} {label.action}
      </Text>
      {'   '}
      <Text color={stateColor}>{label.engine}</Text>
    </OneLine>
  );
}
