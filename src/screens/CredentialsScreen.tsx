import {Box, Text} from 'ink';
import {Paragraph} from '../components/Paragraph.js';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import type {MachineState} from '../bind/machine.js';
import {TextField} from '../components/TextField.js';

export const credentialsHints = [
  {key: 'Enter', action: 'next / bind'},
  {key: 'Tab', action: 'field'},
  {key: 'Esc', action: 'site settings'},
  {key: 'Ctrl+C', action: 'quit'},
] as const;

export type CredentialsScreenProps = {
  readonly state: MachineState;
  readonly demo: {readonly email: string} | null;
  readonly columns: number;
};

/** The Mimecast administrator's email and password; the password is never shown. */
export function CredentialsScreen({state, demo, columns}: CredentialsScreenProps) {
  const {tint} = useTerminalCaps();
  const problem = state.problems.find((p) => p.field === 'email' || p.field === 'password');
  const siteName = state.fields.siteName.value.trim() || '(unnamed site)';
  return (
    <Box flexDirection="column">
      <Text>Site: {siteName}</Text>
      <Text>Sign in as a Mimecast administrator to bind this site.</Text>
      <Text>The password is used once and never stored.</Text>
      <Text> </Text>
      <TextField
        label="Administrator email"
        field={state.fields.email}
        focused={state.credentialsFocus === 'email'}
        error={problem?.field === 'email'}
        labelWidth={20}
        width={Math.max(8, columns - 25)}
      />
      <TextField
        label="Password"
        field={state.fields.password}
        focused={state.credentialsFocus === 'password'}
        masked
        error={problem?.field === 'password'}
        labelWidth={20}
        width={Math.max(8, columns - 25)}
      />
      <Text> </Text>
      {problem ? (
        <Paragraph text={`x ${problem.message}`} width={columns} maxLines={3} color={tint('red')} />
      ) : null}
      {demo ? (
        <Text dimColor>
          Demo: sign in as {demo.email} with the demo password given in the README.
        </Text>
      ) : null}
    </Box>
  );
}
