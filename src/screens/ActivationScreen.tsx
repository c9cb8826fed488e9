import {Box, Text} from 'ink';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import type {MachineState} from '../bind/machine.js';
import type {HealthCheck, HealthPart} from '../engine/health.js';
import {PlayControl} from '../components/PlayControl.js';
import {OneLine} from '../components/OneLine.js';
import {partNeedingRebind} from '../engine/rebind-needed.js';

export const activationHints = [
  {key: 'Enter/Space', action: 'start / pause the engine'},
  {key: 'R', action: 're-bind'},
  {key: 'S', action: 'site settings'},
  {key: 'Q', action: 'quit'},
] as const;

const rebindReasons: Readonly<Record<HealthPart, string>> = {
  binding: 'The binding stopped working at Mimecast (expired, or the password changed).',
  directory: 'The directory service account was refused (its password changed?).',
  exchange: 'The Exchange service account was refused (its password changed?).',
};

const partLabels: Readonly<Record<HealthPart, string>> = {
  binding: 'Binding  ',
  directory: 'Directory',
  exchange: 'Exchange ',
};

function CheckLine({part, check}: {part: HealthPart; check: HealthCheck | undefined}) {
  const {tint} = useTerminalCaps();
  if (!check) return <OneLine>{partLabels[part]} [ ] not checked yet</OneLine>;
  if (check.ok)
    return (
      <OneLine>
        {partLabels[part]} [+] {check.fact}
      </OneLine>
    );
  return (
    <Box flexDirection="column">
      <OneLine>
        <Text color={tint('red')}>
          {partLabels[part]} [x] {check.message}
        </Text>
      </OneLine>
      <OneLine>{`          Fix: ${check.fix}`}</OneLine>
    </Box>
  );
}

function clock(iso: string | null | undefined): string {
  if (!iso) return 'never';
  return new Date(iso).toLocaleTimeString('en-GB', {hour12: false});
}

export type ActivationScreenProps = {
  readonly state: MachineState;
  readonly intervalMs: number;
  readonly accountLine: string;
};

/** The play control and the engine's live health. */
export function ActivationScreen({state, intervalMs, accountLine}: ActivationScreenProps) {
  const {tint} = useTerminalCaps();
  const {engine} = state;
  const health = engine.health;
  const running = engine.state === 'running';
  const needsRebind = health ? partNeedingRebind(health) : null;
  return (
    <Box flexDirection="column">
      <Text>{accountLine}</Text>
      <Text> </Text>
      <PlayControl state={running ? 'running' : 'paused'} focused />
      <Text>
        Engine {running ? 'active' : 'paused'}
        {running ? `, health checked every ${Math.round(intervalMs / 1000)} s` : ''}
        {engine.checking ? ', checking...' : ''}
      </Text>
      <Text> </Text>
      <CheckLine part="binding" check={health?.checks.binding} />
      <CheckLine part="directory" check={health?.checks.directory} />
      <CheckLine part="exchange" check={health?.checks.exchange} />
      <Text>Last contact with Mimecast: {clock(health?.lastContact)}</Text>
      {needsRebind ? (
        <OneLine>
          <Text color={tint('yellow')} bold>
            ! Press R to re-bind. {rebindReasons[needsRebind]}
          </Text>
        </OneLine>
      ) : null}
      <Text> </Text>
      <Text dimColor>In the Administration Console: Services | Synchronization Engine Sites.</Text>
    </Box>
  );
}
