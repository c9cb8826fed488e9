import {Box, Text} from 'ink';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import type {MachineState} from '../bind/machine.js';
import {stepIds, stepTitles} from '../bind/steps.js';
import {StepPanel} from '../components/StepPanel.js';
import {Paragraph} from '../components/Paragraph.js';
import {allValidLine} from '../bind/valid-line.js';

/** The line administrators know from the engine's old utility, kept word for word. */

export function resultHints(ok: boolean) {
  return ok
    ? [
        {key: 'Enter', action: 'close and continue to activation'},
        {key: 'Ctrl+C', action: 'quit'},
      ]
    : [
        {key: 'Enter', action: 'fix the field'},
        {key: 'R', action: 'retry'},
        {key: 'Esc', action: 'credentials'},
        {key: 'Q', action: 'quit'},
      ];
}

export type ResultScreenProps = {
  readonly state: MachineState;
  readonly now: number;
  /** Whether a binding was saved before this run: a failure leaves it as it was. */
  readonly hasSavedBinding: boolean;
  readonly width: number;
};

export function ResultScreen({state, now, hasSavedBinding, width}: ResultScreenProps) {
  const {tint} = useTerminalCaps();
  const {outcome, run} = state;
  if (!outcome || !run) return null;
  return (
    <Box flexDirection="column">
      {outcome.ok ? (
        <>
          <Text color={tint('green')} bold>
            {allValidLine}
          </Text>
          <Text>
            Site {outcome.siteName} is bound to {outcome.accountName} ({outcome.accountCode}).
          </Text>
        </>
      ) : (
        <>
          <Text color={tint('red')} bold>
            [x] Step {outcome.step} failed: {stepTitles[outcome.step]}
          </Text>
          <Paragraph text={`Cause: ${outcome.message}`} width={width} maxLines={4} />
          <Paragraph text={`Fix: ${outcome.fix}`} width={width} maxLines={4} />
          <Text>
            {hasSavedBinding
              ? 'Nothing was saved: the saved binding is unchanged and still in use.'
              : 'Nothing was saved.'}
          </Text>
        </>
      )}
      <Text> </Text>
      {stepIds.map((id) => (
        <StepPanel
          key={id}
          number={id}
          title={stepTitles[id]}
          status={run.steps[id]}
          now={now}
          // A bind that passed leaves room for each step's whole fact: the EWS URL Autodiscover
          // found, the base DN and server the directory check used.
          factWidth={outcome.ok ? width : undefined}
        />
      ))}
    </Box>
  );
}
