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

/**
 * What to run when `part` needs a re-bind, in both places the log may be acted on: a terminal,
 * where `mse-bind rebind` asks which secret changed, and a script, where the new secret must
 * come on stdin (without --password-stdin or its variable the command has nothing to send).
 */
export function rebindAdvice(part: HealthPart, exchangeOAuth: boolean): string {
  const what =
    part === 'binding'
      ? {pick: '', secret: "the administrator's new password", changed: ''}
      : part === 'directory'
        ? {
            pick: ' and pick the directory account',
            secret: 'its new password',
            changed: ' --changed directory',
          }
        : {
            pick: ' and pick the Exchange account',
            secret: exchangeOAuth ? "the app's new client secret" : 'its new password',
            changed: ' --changed exchange',
          };
  return (
    `run \`mse-bind rebind\`${what.pick} in a terminal, or from a script pipe ${what.secret} ` +
    `into \`mse-bind rebind --non-interactive --password-stdin${what.changed}\``
  );
}
