import {exitCodes} from '../bind/errors.js';
import {printable} from '../bind/control-characters.js';
import type {CommonOptions} from '../cli.js';
import {realDeps} from '../bind/real-deps.js';
import {runHealthCycle} from '../engine/health-cycle.js';
import type {HealthReport} from '../engine/health.js';
import {partNeedingRebind, rebindCommand, rebindNeededExitCode} from '../engine/rebind-needed.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {loadBinding, setEngineState} from '../storage/binding-store.js';
import {defaultHealthIntervalSeconds} from './wizard-services.js';

function describe(report: HealthReport): string {
  return (['binding', 'directory', 'exchange'] as const)
    .map((part) => {
      const check = report.checks[part];
      return check.ok
        ? `${part} ok (${check.fact})`
        : `${part} FAILED ${check.errorClass}: ${check.message}`;
    })
    .join('; ');
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => (clearTimeout(timer), resolve()), {once: true});
  });
}

export type RunOptions = {
  /** Turn the play control on first, as Enter on the engine screen does, and save it. */
  readonly start: boolean;
};

/**
 * The engine's health cycle without a screen, for a Windows service or a systemd unit: one log
 * line per cycle. It follows the play control: while the saved engine state is paused, it
 * checks nothing. It exits with its own code when the site must be re-bound.
 */
export async function runEngine(options: CommonOptions, run: RunOptions): Promise<number> {
  const store = {stateDir: resolveStateDir(options.stateDir), allowKeyFile: options.allowKeyFile};
  const intervalMs = (options.intervalSeconds ?? defaultHealthIntervalSeconds) * 1000;
  // One line per event whatever a setting holds: a service log must not be forgeable.
  const log = (line: string) =>
    process.stdout.write(`${new Date().toISOString()} ${printable(line)}\n`);
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);

  try {
    let lastContact: string | null = null;
    let pausedLogged = false;
    let first = true;
    while (!controller.signal.aborted) {
      const record = await loadBinding(store);
      if (!record) {
        log(`engine: nothing is bound in ${store.stateDir}; run mse-bind to bind the site`);
        return exitCodes['not-found'];
      }
      if (first && run.start && record.engine.state === 'paused') {
        // Saved, not only acted on: the wizard and status show the engine started, and a
        // restarted service goes on checking even without --start.
        await setEngineState('running', store);
        log('engine: started by --start; the play control is saved as on');
        continue;
      }
      if (first) {
        log(
          `engine: site ${record.settings.siteName}, account ${record.account.name} ` +
            `(${record.account.code}); checking every ${intervalMs / 1000} s`,
        );
        first = false;
      }
      if (record.engine.state === 'paused') {
        if (!pausedLogged) log('engine: paused by the play control; waiting for it to be started');
        pausedLogged = true;
      } else {
        pausedLogged = false;
        const report = await runHealthCycle(
          record,
          realDeps(store),
          controller.signal,
          lastContact,
        );
        if (controller.signal.aborted) break;
        lastContact = report.lastContact;
        log(`cycle: ${describe(report)}`);
        const part = partNeedingRebind(report);
        if (part) {
          log(`engine: stopped: the ${part} check needs a re-bind; run \`${rebindCommand[part]}\``);
          return rebindNeededExitCode;
        }
      }
      await sleep(intervalMs, controller.signal);
    }
    log('engine: stopped');
    return 0;
  } finally {
    process.off('SIGINT', stop);
    process.off('SIGTERM', stop);
  }
}
