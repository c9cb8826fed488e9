import {Box, Text} from 'ink';
import {Paragraph, paragraphLines} from '../components/Paragraph.js';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import {fieldApplies, formFields, placeholderOf} from '../bind/form.js';
import type {MachineState} from '../bind/machine.js';
import {formValuesOf} from '../bind/machine.js';
import {TextField} from '../components/TextField.js';
import {ChoiceField} from '../components/ChoiceField.js';

const labelWidth = Math.max(...formFields.map((field) => field.label.length)) + 1;

/** The settings' keys; Esc only when it leads somewhere, back to the engine screen. */
export function settingsHints(escapesToEngine: boolean) {
  return [
    {key: 'Up/Down', action: 'field'},
    {key: 'Left/Right', action: 'pick'},
    {key: 'Enter', action: 'next'},
    {key: 'PgDn', action: 'continue'},
    ...(escapesToEngine ? [{key: 'Esc', action: 'back'}] : []),
    {key: 'Ctrl+C', action: 'quit'},
  ];
}

export type SettingsScreenProps = {
  readonly state: MachineState;
  /** Lines available for the field list. */
  readonly rows: number;
  readonly columns: number;
};

/** Says that the window hides fields, so that nobody takes the visible ones for all. */
function moreLine(above: number, below: number): string {
  if (above === 0 && below === 0) return ' ';
  const parts = [above > 0 ? `${above} more above` : '', below > 0 ? `${below} more below` : ''];
  return `(${parts.filter(Boolean).join(', ')}; Up/Down scrolls)`;
}

/** The site settings form: a window of fields that follows the focus on short terminals. */
export function SettingsScreen({state, rows, columns}: SettingsScreenProps) {
  const {tint} = useTerminalCaps();
  const problem = state.problems[0];
  // The problem under the list may wrap (up to three lines); the list gives way for it.
  const problemText = problem ? `x ${problem.message}` : null;
  const problemLines = problemText ? paragraphLines(problemText, columns, 3).length : 1;
  const listRows = Math.max(3, rows - 1 - problemLines);
  const values = formValuesOf(state);
  const applicable = formFields
    .map((field, index) => ({field, index}))
    .filter(({field}) => fieldApplies(field.id, values));
  const focusRow = Math.max(
    0,
    applicable.findIndex(({index}) => index === state.settingsFocus),
  );
  const first = Math.min(
    Math.max(0, focusRow - Math.floor(listRows / 2)),
    Math.max(0, applicable.length - listRows),
  );
  const visible = applicable.slice(first, first + listRows);
  return (
    <Box flexDirection="column">
      {visible.map(({field, index}) => {
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
            placeholder={placeholderOf(field.id, state.choices)}
            error={error}
            labelWidth={labelWidth}
            width={Math.max(8, columns - labelWidth - 5)}
          />
        );
      })}
      <Text dimColor>{moreLine(first, applicable.length - first - visible.length)}</Text>
      {problemText ? (
        <Paragraph text={problemText} width={columns} maxLines={3} color={tint('red')} />
      ) : (
        <Text dimColor>PgDn, or Enter on the last field, continues to the credentials.</Text>
      )}
    </Box>
  );
}
