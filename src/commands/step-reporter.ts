import type {PipelineEvent} from '../bind/pipeline.js';
import type {StepId} from '../bind/steps.js';
import {stepTitles} from '../bind/steps.js';

/**
 * Prints one line per bind step as it finishes, for scripts and remote shells: plain text, or
 * with `json` one JSON object per step. Messages are already free of secrets. `advise` makes
 * the commands a fix names runnable where it is read (advice.ts).
 */
export function stepReporter(
  json: boolean,
  write: (line: string) => void,
  advise: (fix: string) => string = (fix) => fix,
) {
  const started = new Map<StepId, number>();
  return (event: PipelineEvent) => {
    const {step} = event;
    const title = stepTitles[step];
    switch (event.type) {
      case 'step-started':
        started.set(step, Date.now());
        return;
      case 'step-passed': {
        const ms = Date.now() - (started.get(step) ?? Date.now());
        write(
          json
            ? JSON.stringify({step, title, status: 'passed', fact: event.fact, ms})
            : `[+] ${step} ${title}: ${event.fact} (${ms} ms)`,
        );
        return;
      }
      case 'step-failed': {
        const {errorClass, message} = event.error;
        const fix = advise(event.error.fix);
        write(
          json
            ? JSON.stringify({step, title, status: 'failed', errorClass, message, fix})
            : `[x] ${step} ${title}: ${message}\n    Fix: ${fix}`,
        );
        return;
      }
      case 'step-skipped':
        write(
          json
            ? JSON.stringify({step, title, status: 'skipped', reason: event.reason})
            : `[-] ${step} ${title}: skipped, ${event.reason}`,
        );
        return;
      default: {
        const exhaustive: never = event;
        return exhaustive;
      }
    }
  };
}
