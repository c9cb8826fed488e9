import {exitCodes} from '../bind/errors.js';
import type {StoreOptions} from '../storage/binding-store.js';
import {loadBinding, setEngineState} from '../storage/binding-store.js';
import type {CycleDeps} from './health-cycle.js';
import {runHealthCycle} from './health-cycle.js';
import type {HealthReport} from './health.js';
import {partNeedingRebind, rebindAdvice, rebindNeededExitCode} from './rebind-needed.js';
import {waitOrAbort} from './wait-or-abort.js';

export type HeadlessEngineOptions = {
  readonly store: StoreOptions;
  readonly deps: CycleDeps;
  readonly intervalMs: number;
  /** Turn the play control on first, as Enter on the engine screen does, and save it. */
  readonly start: boolean;
  /** The engine's whole life: it stops when this aborts. */
  readonly signal: AbortSignal;
  /** One event, one line of the service log. */
  readonly log: (line: string) => void;
};

/** One cycle in one log line: each part ok with its fact, or failed with its class and cause. */
export function describeReport(report: HealthReport): string {
  return (['binding', 'directory', 'exchange'] as const)
    .map((part) => {
      const check = report.checks[part];
      return check.ok
        ? `${part} ok (${check.fact})`
        : // The message is a sentence; its full stop would run into the separator.
          `${part} FAILED ${check.errorClass}: ${check.message.replace(/\.$/, '')}`;
    })
    .join('; ');
}

/**
 * The engine's health cycle without a screen: a cycle per interval, logged. It follows the
 * play control: the saved binding is read again every interval, and while its engine state is
 * paused nothing is checked. Ends with 0 once the signal aborts, the not-found code when
 * nothing is bound, and its own code when the site must be re-bound.
 */
export async function runHeadlessEngine(options: HeadlessEngineOptions): Promise<number> {
  const {store, signal, log} = options;
  let lastContact: string | null = null;
  let pausedLogged = false;
  let first = true;
  while (!signal.aborted) {
    const record = await loadBinding(store);
    if (!record) {
      log(`engine: nothing is bound in ${store.stateDir}; run \`mse-bind\` to bind the site`);
      return exitCodes['not-found'];
    }
    if (first && options.start && record.engine.state === 'paused') {
      // Saved, not only acted on: the wizard and status show the engine started, and a
      // restarted service goes on checking even without --start.
      await setEngineState('running', store);
      log('engine: started by --start; the play control is saved as on');
      continue;
    }
    if (first) {
      log(
        `engine: site ${record.settings.siteName}, account ${record.account.name} ` +
          `(${record.account.code}); checking every ${options.intervalMs / 1000} s`,
      );
      first = false;
    }
    if (record.engine.state === 'paused') {
      if (!pausedLogged) log('engine: paused by the play control; waiting for it to be started');
      pausedLogged = true;
    } else {
      pausedLogged = false;
      const report = await runHealthCycle(record, options.deps, signal, lastContact);
      if (signal.aborted) break;
      lastContact = report.lastContact;
      log(`cycle: ${describeReport(report)}`);
      const part = partNeedingRebind(report);
      if (part) {
        const oauth = record.settings.exchange.authScheme === 'oauth';
        log(`engine: stopped: the ${part} check needs a re-bind; ${rebindAdvice(part, oauth)}`);
        return rebindNeededExitCode;
      }
    }
    await waitOrAbort(options.intervalMs, signal);
  }
  log('engine: stopped');
  return 0;
}
