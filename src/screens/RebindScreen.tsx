import {Box, Text} from 'ink';
import type {MachineState, RotatedSecret} from '../bind/machine.js';
import {rotatedSecrets} from '../bind/machine.js';
import {TextField} from '../components/TextField.js';
import {Paragraph} from '../components/Paragraph.js';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import {exchangeUsesOauth} from '../bind/rebind-fields.js';

export const rebindHints = [
  {key: 'Enter', action: 're-bind'},
  {key: 'Up/Down', action: 'which password'},
  {key: 'Esc', action: 'all settings'},
  {key: 'Ctrl+C', action: 'quit'},
] as const;

export type RebindScreenProps = {
  readonly state: MachineState;
  readonly who: Readonly<Record<RotatedSecret, string>>;
  readonly columns: number;
};

const titles: Readonly<Record<RotatedSecret, string>> = {
  mimecast: 'Mimecast administrator',
  directory: 'Directory service account',
  exchange: 'Exchange service account',
};

/**
 * The quick re-bind: which password changed (the Mimecast one pre-selected) and the new
 * password; everything else comes from the saved binding.
 */
export function RebindScreen({state, who, columns}: RebindScreenProps) {
  const {tint} = useTerminalCaps();
  const changed = state.rebind?.changed ?? 'mimecast';
  const problem = state.problems.find((candidate) => candidate.field === 'password');
  // An Exchange that signs in with OAuth rotates its app's client secret, not a password.
  const oauth = exchangeUsesOauth(state);
  const title = (secret: RotatedSecret) =>
    secret === 'exchange' && oauth ? 'Exchange OAuth client secret' : titles[secret];
  const secretWord = changed === 'exchange' && oauth ? 'client secret' : 'password';
  return (
    <Box flexDirection="column">
      <Text>Site: {state.fields.siteName.value}</Text>
      <Text>Which password changed?</Text>
      <Text> </Text>
      {rotatedSecrets.map((secret) => (
        <Text key={secret} inverse={secret === changed}>
          {secret === changed ? '(*)' : '( )'} {title(secret)}: {who[secret]}
        </Text>
      ))}
      <Text> </Text>
      <TextField
        label={`New ${secretWord} for ${who[changed]}`}
        field={state.fields.password}
        focused
        masked
        error={Boolean(problem)}
      />
      {problem ? (
        <Paragraph text={`x ${problem.message}`} width={columns} maxLines={3} color={tint('red')} />
      ) : null}
      <Text> </Text>
      <Text dimColor>Everything else is loaded from the saved binding.</Text>
    </Box>
  );
}
