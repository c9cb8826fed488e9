import {Box, Text} from 'ink';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import type {MachineState} from '../bind/machine.js';
import {engineHalted} from '../bind/machine.js';
import {Paragraph} from '../components/Paragraph.js';
import type {HealthCheck, HealthPart} from '../engine/health.js';
import {PlayControl} from '../components/PlayControl.js';
import {OneLine} from '../components/OneLine.js';
import {partNeedingRebind} from '../engine/rebind-needed.js';

export function activationHints(halted: boolean) {
  return [
    {key: 'Enter/Space', action: halted ? 'check again' : 'start / pause the engine'},
    {key: 'R', action: 're-bind'},
    {key: 'S', action: 'site settings'},
    {key: 'Q', action: 'quit'},
  ];
}

/** Why the site must be re-bound, from the part refused and how it was refused. */
function rebindReason(part: HealthPart, check: HealthCheck): string {
  const refusedAccount = !check.ok && check.errorClass === 'account-state';
  switch (part) {
    case 'binding':
      // Signed calls are refused as an account state only when the binding expired (418).
      return refusedAccount
        ? 'The binding expired at Mimecast.'
        : 'Mimecast no longer accepts the binding.';
    case 'directory':
      return refusedAccount
        ? 'The directory service account cannot sign in as it is.'
        : 'The directory refused the service account password.';
    case 'exchange':
      return refusedAccount
        ? 'The Exchange service account cannot sign in as it is.'
        : 'Exchange refused the service account password.';
    default: {
      const exhaustive: never = part;
      return exhaustive;
    }
  }
}

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
  readonly width: number;
};

/** The play control and the engine's live health. */
export function ActivationScreen({state, intervalMs, accountLine, width}: ActivationScreenProps) {
  const {tint} = useTerminalCaps();
  const {engine} = state;
  const health = engine.health;
  const running = engine.state === 'running';
  const needsRebind = health ? partNeedingRebind(health) : null;
  const halted = engineHalted(engine);
  return (
    <Box flexDirection="column">
      <Text>{accountLine}</Text>
      <Text> </Text>
      <PlayControl state={halted ? 'halted' : running ? 'running' : 'paused'} focused />
      {halted ? (
        <OneLine>Checks stopped: retrying a refused password could lock the account out.</OneLine>
      ) : (
        <Text>
          Engine {running ? 'active' : 'paused'}
          {running ? `, health checked every ${Math.round(intervalMs / 1000)} s` : ''}
          {engine.checking ? ', checking...' : ''}
        </Text>
      )}
      <Text> </Text>
      <CheckLine part="binding" check={health?.checks.binding} />
      <CheckLine part="directory" check={health?.checks.directory} />
      <CheckLine part="exchange" check={health?.checks.exchange} />
      <Text>Last contact with Mimecast: {clock(health?.lastContact)}</Text>
      {engine.saveError ? (
        <>
          <Paragraph
            text={`[x] The play control was not saved: ${engine.saveError.message}`}
            width={width}
            maxLines={2}
          />
          <Paragraph text={`Fix: ${engine.saveError.fix}`} width={width} maxLines={2} />
        </>
      ) : null}
      {health && needsRebind ? (
        <OneLine>
          <Text color={tint('yellow')} bold>
            ! Press R to re-bind. {rebindReason(needsRebind, health.checks[needsRebind])}
          </Text>
        </OneLine>
      ) : null}
      <Text> </Text>
      <Text dimColor>In the Administration Console: Services | Synchronization Engine Sites.</Text>
    </Box>
  );
}
