import {BindError} from '../bind/errors.js';
import {labelOf, type FormFieldId} from '../bind/form.js';
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
  const secret = secretFields[field];
  const flag = settingFlags[field];
  const fix =
    secret !== undefined
      ? `Give ${secretLabels[secret]} in ${secretSource(secret)}. Secrets are never read from ` +
        '--config or from options.'
      : flag !== undefined
        ? `Set ${labelOf(field)} with ${flag}, or in the --config file.`
        : `Correct ${labelOf(field)} in the --config file.`;
  return new BindError('input', message, fix, {setting: field});
}
