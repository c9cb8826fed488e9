import {BindError, isAbortError} from '../bind/errors.js';
import type {BindDeps} from '../bind/bind-deps.js';
import {redactSecrets, shownValuesOf} from '../bind/redact.js';
import type {BindingRecord} from '../storage/binding-record.js';
import type {HealthCheck, HealthReport} from './health.js';
import {cycleSignal} from './cycle-signal.js';
import {waitOrAbort} from './wait-or-abort.js';
import {partNeedingRebind} from './rebind-needed.js';

/** The outside world a cycle checks. */
export type CycleDeps = Pick<BindDeps, 'checkBinding' | 'validateDirectory' | 'validateExchange'>;

function secretsOf(record: BindingRecord): string[] {
  return [
    record.secrets.appKey,
    record.secrets.directoryPassword,
    record.secrets.exchangePassword,
    record.binding.secretKey,
    record.secrets.exchangeClientSecret ?? '',
  ];
}

async function check(record: BindingRecord, work: () => Promise<string>): Promise<HealthCheck> {
  const redact = (text: string) =>
    redactSecrets(text, secretsOf(record), [
      ...shownValuesOf(record.settings),
      record.binding.boundBy,
    ]);
  try {
    return {ok: true, fact: await work()};
  } catch (error) {
    if (error instanceof BindError) {
      return {
        ok: false,
        errorClass: error.errorClass,
        message: redact(error.message),
        fix: redact(error.fix),
      };
    }
    const cancelled = isAbortError(error);
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      errorClass: cancelled ? 'cancelled' : 'server',
      message: redact(message),
      fix: cancelled ? 'The check was stopped.' : 'The next cycle tries again.',
    };
  }
}

/**
 * One engine health cycle: the binding is checked with a signed call to Mimecast, and the
 * directory and Exchange with the same probes the bind uses, all three at once. `signal` is
 * the engine's: the cycle leaves nothing attached to it.
 */
export async function runHealthCycle(
  record: BindingRecord,
  deps: CycleDeps,
  signal: AbortSignal,
  previousContact: string | null,
  now: () => Date = () => new Date(),
): Promise<HealthReport> {
  const cycle = cycleSignal(signal);
  try {
    return await checkAll(record, deps, cycle.signal, previousContact, now);
  } finally {
    cycle.release();
  }
}

async function checkAll(
  record: BindingRecord,
  deps: CycleDeps,
  signal: AbortSignal,
  previousContact: string | null,
  now: () => Date,
): Promise<HealthReport> {
  const caFile = record.settings.network.caFile || undefined;
  const [binding, directory, exchange] = await Promise.all([
    check(record, async () => {
      const account = await deps.checkBinding({
        regionApi: record.account.regionApi,
        appId: record.binding.appId,
        appKey: record.secrets.appKey,
        binding: record.binding,
        signal,
        network: record.settings.network,
      });
      return `bound to ${account.name} (${account.code})`;
    }),
    check(record, async () => {
      const result = await deps.validateDirectory(
        record.settings.directory,
        record.secrets.directoryPassword,
        {signal, caFile},
      );
      return result.fact;
    }),
    check(record, async () => {
      const result = await deps.validateExchange(
        record.settings.exchange,
        record.secrets.exchangePassword,
        {
          signal,
          caFile,
          clientSecret: record.secrets.exchangeClientSecret,
          proxyUrl: record.settings.network.proxyUrl,
        },
      );
      return result.fact;
    }),
  ]);
  const checkedAt = now().toISOString();
  return {
    checkedAt,
    lastContact: binding.ok ? checkedAt : previousContact,
    checks: {binding, directory, exchange},
  };
}

export type EngineLoopOptions = {
  readonly record: BindingRecord;
  readonly deps: CycleDeps;
  readonly intervalMs: number;
  readonly signal: AbortSignal;
  readonly onChecking?: () => void;
  readonly onReport: (report: HealthReport) => void;
};

/**
 * Runs a cycle at once, then one per interval, until the signal aborts or a cycle finds that
 * the site must be re-bound. It stops there because every further cycle would sign in again
 * with a password that was refused, and directories lock accounts out after a few of those.
 */
export async function runEngineLoop(options: EngineLoopOptions): Promise<void> {
  const {signal} = options;
  let lastContact: string | null = null;
  while (!signal.aborted) {
    options.onChecking?.();
    const report = await runHealthCycle(options.record, options.deps, signal, lastContact);
    if (signal.aborted) return;
    lastContact = report.lastContact;
    options.onReport(report);
    if (partNeedingRebind(report)) return;
    await waitOrAbort(options.intervalMs, signal);
  }
}
