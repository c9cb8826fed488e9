import type {HealthPart, HealthReport} from './health.js';

/**
 * A check refused for credentials or an account's state means no retry will help: a password
 * was rotated or the binding expired, and the site must be re-bound.
 */
export function partNeedingRebind(report: HealthReport): HealthPart | null {
  for (const part of ['binding', 'directory', 'exchange'] as const) {
    const check = report.checks[part];
    if (!check.ok && (check.errorClass === 'credentials' || check.errorClass === 'account-state')) {
      return part;
    }
  }
  return null;
}

/** What `mse-bind run` exits with when the site must be re-bound. */
export const rebindNeededExitCode = 20;

export const rebindCommand: Readonly<Record<HealthPart, string>> = {
  binding: 'mse-bind rebind',
  directory: 'mse-bind rebind --non-interactive --changed directory',
  exchange: 'mse-bind rebind --non-interactive --changed exchange',
};
