import {BindError} from '../bind/errors.js';
import {labelOf, type FieldProblem, type FormFieldId} from '../bind/form.js';
import {
  secretEnvironment,
  secretLabels,
  stdinSecretOrder,
  type SecretName,
} from './read-secrets.js';

/** The command-line option that sets each non-secret setting (a --config file can too). */
const settingFlags: Partial<Record<FormFieldId, string>> = {
  siteName: '--site-name',
  discoveryUrl: '--discovery-url',
  appId: '--app-id',
  directoryType: '--directory-type',
  directoryHost: '--directory-host',
  tlsMode: '--directory-tls',
  directoryPort: '--directory-port',
  baseDn: '--base-dn',
  bindName: '--directory-user',
  ewsUrl: '--ews-url',
  authScheme: '--exchange-auth',
  exchangeUser: '--exchange-user',
  accessMode: '--exchange-access',
  mailbox: '--mailbox',
  exchangeTenant: '--tenant',
  exchangeClientId: '--client-id',
  exchangeAuthority: '--authority-url',
  caFile: '--ca-file',
  proxyUrl: '--proxy',
};

/** The secrets among the settings: they come from stdin or the environment, nowhere else. */
const secretFields: Partial<Record<FormFieldId, SecretName>> = {
  appKey: 'appKey',
  directoryPassword: 'directoryPassword',
  exchangePassword: 'exchangePassword',
  exchangeClientSecret: 'exchangeClientSecret',
};

const ordinals = ['1st', '2nd', '3rd', '4th', '5th'];

/** Where a secret is read from, e.g. `MSE_BIND_APP_KEY, or the 4th line of stdin ...`. */
export function secretSource(name: SecretName): string {
  const line = ordinals[stdinSecretOrder.indexOf(name)];
  return (
    `${secretEnvironment[name]}, or as the ${line} line of standard input with ` +
    '--password-stdin'
  );
}

/**
 * The error for a setting the form check refused, in the non-interactive commands: the fix
 * names where that setting can be given. A secret is never sent to --config (which refuses
 * secrets) nor to an option (the command line is visible to other users).
 */
export function settingProblemError(field: FormFieldId, message: string): BindError {
  return new BindError('input', message, fixFor(field), {setting: field});
}

function fixFor(field: FormFieldId): string {
  const secret = secretFields[field];
  const flag = settingFlags[field];
  return secret !== undefined
    ? `Give ${secretLabels[secret]} in ${secretSource(secret)}. Secrets are never read from ` +
        '--config or from options.'
    : flag !== undefined
      ? `Set ${labelOf(field)} with ${flag}, or in the --config file.`
      : `Correct ${labelOf(field)} in the --config file.`;
}

/**
 * Every refused setting at once, so a script's author fixes them in one pass rather than one
 * run per setting. The error's setting is the first, as the wizard would focus it.
 */
export function settingProblemsError(problems: readonly FieldProblem[]): BindError {
  const [first, ...rest] = problems;
  if (first === undefined) throw new Error('settingProblemsError needs at least one problem');
  if (rest.length === 0) return settingProblemError(first.field, first.message);
  const message =
    `${problems.length} settings need attention:\n` +
    problems.map((problem) => `  - ${problem.message}`).join('\n');
  const fixes = [...new Set(problems.map((problem) => fixFor(problem.field)))];
  const fix = fixes.map((line) => `\n  - ${line}`).join('');
  return new BindError('input', message, fix, {setting: first.field});
}
