import {Box, Text} from 'ink';
import type {MachineState} from '../bind/machine.js';
import {stepIds, stepTitles} from '../bind/steps.js';
import {StepPanel} from '../components/StepPanel.js';

export const bindingHints = [
  {key: 'Esc', action: 'cancel'},
  {key: 'Ctrl+C', action: 'cancel and quit'},
] as const;

export type BindingScreenProps = {
  readonly state: MachineState;
  readonly now: number;
};

/** The five bind steps with their live status, in the order the old utility numbers them. */
export function BindingScreen({state, now}: BindingScreenProps) {
  const run = state.run;
  if (!run) return null;
  return (
    <Box flexDirection="column">
      <Text>Binding {state.fields.siteName.value.trim() || 'the site'}...</Text>
      <Text> </Text>
      {stepIds.map((id) => (
        <StepPanel key={id} number={id} title={stepTitles[id]} status={run.steps[id]} now={now} />
      ))}
    </Box>
  );
}
