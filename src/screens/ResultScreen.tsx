import {Box, Text} from 'ink';
import {useTerminalCaps} from '../components/use-terminal-caps.js';
import type {MachineState} from '../bind/machine.js';
import {stepIds, stepTitles} from '../bind/steps.js';
import {StepPanel} from '../components/StepPanel.js';
import {Paragraph, paragraphLines} from '../components/Paragraph.js';
import {allValidLine} from '../bind/valid-line.js';

/** The line administrators know from the engine's old utility, kept word for word. */

/** The result's keys; Esc after a failed re-bind goes back to the re-bind screen. */
export function resultHints(ok: boolean, rebind = false) {
  return ok
    ? [
        {key: 'Enter', action: 'close and continue to activation'},
        {key: 'Ctrl+C', action: 'quit'},
      ]
    : [
        {key: 'Enter', action: 'fix the field'},
        {key: 'R', action: 'retry'},
        {key: 'Esc', action: rebind ? 're-bind' : 'credentials'},
        {key: 'Q', action: 'quit'},
      ];
}

export type ResultScreenProps = {
  readonly state: MachineState;
  readonly now: number;
  /** Whether a binding was saved before this run: a failure leaves it as it was. */
  readonly hasSavedBinding: boolean;
  readonly width: number;
  /** The rows the screen may fill: a failure's cause and fix take what the steps leave. */
  readonly rows: number;
};

/**
 * How many lines a failure's cause and fix may take: all they need when the rows allow, else
 * the rows shared between them, the fix keeping at least half of what it needs.
 */
function failureLineBudget(cause: number, fix: number, room: number) {
  if (cause + fix <= room) return {cause, fix};
  const fixLines = Math.max(2, Math.min(fix, room - Math.min(cause, Math.ceil(room / 2))));
  return {cause: Math.max(2, room - fixLines), fix: fixLines};
}

export function ResultScreen({state, now, hasSavedBinding, width, rows}: ResultScreenProps) {
  const {tint} = useTerminalCaps();
  const {outcome, run} = state;
  if (!outcome || !run) return null;
  // Headline, "not saved", a blank line, a line per step and two more per failed step.
  const failures = stepIds.filter((id) => run.steps[id].kind === 'failed').length;
  const room = rows - 3 - stepIds.length - 2 * failures;
  const budget = outcome.ok
    ? {cause: 0, fix: 0}
    : failureLineBudget(
        paragraphLines(`Cause: ${outcome.message}`, width, 100).length,
        paragraphLines(`Fix: ${outcome.fix}`, width, 100).length,
        room,
      );
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
          <Paragraph text={`Cause: ${outcome.message}`} width={width} maxLines={budget.cause} />
          <Paragraph text={`Fix: ${outcome.fix}`} width={width} maxLines={budget.fix} />
          <Text>
            {hasSavedBinding
              ? 'Not saved: the saved binding is unchanged and still in use.'
              : 'The binding was not saved.'}
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
