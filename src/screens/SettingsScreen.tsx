import {Box, Text} from 'ink';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import {formFields} from '../bind/form.js';
import type {MachineState} from '../bind/machine.js';
import {TextField} from '../components/TextField.js';
import {ChoiceField} from '../components/ChoiceField.js';

const labelWidth = Math.max(...formFields.map((field) => field.label.length)) + 1;

export const settingsHints = [
  {key: 'Up/Down', action: 'field'},
  {key: 'Left/Right', action: 'choose'},
  {key: 'Enter', action: 'next'},
  {key: 'PgDn', action: 'continue'},
  {key: 'Ctrl+C', action: 'quit'},
] as const;

export type SettingsScreenProps = {
  readonly state: MachineState;
  /** Lines available for the field list. */
  readonly rows: number;
};

/** The site settings form: a window of fields that follows the focus on short terminals. */
export function SettingsScreen({state, rows}: SettingsScreenProps) {
  const {tint} = useTerminalCaps();
  const problem = state.problems[0];
  const listRows = Math.max(3, rows - 2);
  const first = Math.min(
    Math.max(0, state.settingsFocus - Math.floor(listRows / 2)),
    Math.max(0, formFields.length - listRows),
  );
  const visible = formFields.slice(first, first + listRows);
  return (
    <Box flexDirection="column">
      {visible.map((field, offset) => {
        const index = first + offset;
        const focused = index === state.settingsFocus;
        const error = state.problems.some((candidate) => candidate.field === field.id);
        if (field.kind === 'choice') {
          return (
            <ChoiceField
              key={field.id}
              label={field.label}
              options={field.options}
              value={state.choices[field.id]}
              focused={focused}
              error={error}
              labelWidth={labelWidth}
            />
          );
        }
        return (
          <TextField
            key={field.id}
            label={field.label}
            field={state.fields[field.id]}
            focused={focused}
            masked={field.secret}
            placeholder={field.optional ? '(optional)' : undefined}
            error={error}
            labelWidth={labelWidth}
          />
        );
      })}
      <Text> </Text>
      {problem ? (
        <Text color={tint('red')}>x {problem.message}</Text>
      ) : (
        <Text dimColor>
          {formFields.length} fields; PgDn or Enter on the last field continues to the credentials.
        </Text>
      )}
    </Box>
  );
}
