import {BindError} from '../errors.js';
import type {DirectoryField} from './failure-context.js';

/**
 * Active Directory explains a failed simple bind (LDAP result 49) in the diagnostic text:
 * `80090308: LdapErr: DSID-0C09xxxx, comment: AcceptSecurityContext error, data 773, v4563`.
 * The `data` value is a Win32 error code in hex; each one gets its own message and fix.
 */
export type AdBindCode = '525' | '52e' | '530' | '531' | '532' | '533' | '701' | '773' | '775';

type Explanation = {
  readonly errorClass: 'credentials' | 'account-state';
  readonly message: (account: string) => string;
  readonly fix: string;
  /** The field to go back to, when the fix is typed into mse-bind rather than made in AD. */
  readonly setting?: DirectoryField;
};

/**
 * Each run binds once and never retries a refused password, but the directory counts every run:
 * repeated runs with a wrong password reach its lockout threshold like any other failed logons.
 */
const lockoutNote =
  'Each run of mse-bind makes one bind attempt, but repeated runs with a wrong password count ' +
  "toward the account's lockout threshold.";

const explanations: Readonly<Record<AdBindCode, Explanation>> = {
  '525': {
    errorClass: 'credentials',
    message: (account) => `Active Directory knows no account named ${account} (data 525).`,
    // No note on lockout: an account AD does not know has no bad-password count to raise.
    fix: 'Check the service account name (a DN, user@domain or DOMAIN\\user).',
    setting: 'bindName',
  },
  '52e': {
    errorClass: 'credentials',
    message: (account) =>
      `Active Directory rejected the name or password of ${account} (data 52e).`,
    fix: `Check the service account name and retype its password. ${lockoutNote}`,
    setting: 'directoryPassword',
  },
  '530': {
    errorClass: 'account-state',
    message: (account) => `${account} may not log on at this time of day (data 530, logon hours).`,
    fix: 'Allow all logon hours for the service account in Active Directory, then re-bind.',
  },
  '531': {
    errorClass: 'account-state',
    message: (account) =>
      `${account} may not log on from this computer (data 531, workstation restriction).`,
    fix: 'Add this server to the account\'s "Log On To" computers (or allow all), then re-bind.',
  },
  '532': {
    errorClass: 'account-state',
    message: (account) => `The password of ${account} has expired (data 532).`,
    fix: 'Set a new password for the service account in Active Directory, then re-bind with it.',
    setting: 'directoryPassword',
  },
  '533': {
    errorClass: 'account-state',
    message: (account) => `The account ${account} is disabled (data 533).`,
    fix: 'Enable the service account in Active Directory, then re-bind.',
  },
  '701': {
    errorClass: 'account-state',
    message: (account) => `The account ${account} has expired (data 701).`,
    fix: 'Extend or clear the expiry date of the service account in AD, then re-bind.',
  },
  '773': {
    errorClass: 'account-state',
    message: (account) => `${account} must change password at next logon (data 773).`,
    fix:
      'Change the password of the service account (or clear "must change password at next ' +
      'logon"), then re-bind with the new password.',
    setting: 'directoryPassword',
  },
  '775': {
    errorClass: 'account-state',
    message: (account) => `The account ${account} is locked out (data 775).`,
    fix: 'Unlock the service account in AD (or wait for the lockout to end), then re-bind.',
  },
};

/** The `data <code>` part of an AD bind diagnostic, lower-case, or undefined when there is none. */
export function adDataCode(diagnostic: string): string | undefined {
  return /\bdata ([0-9a-f]+)\b/i.exec(diagnostic)?.[1]?.toLowerCase();
}

function isKnownCode(code: string): code is AdBindCode {
  return Object.hasOwn(explanations, code);
}

/** The BindError for a result 49, read from its diagnostic text. */
export function invalidCredentialsError(
  diagnostic: string,
  account: string,
  cause: unknown,
): BindError {
  const code = adDataCode(diagnostic);
  if (code !== undefined && isKnownCode(code)) {
    const explanation = explanations[code];
    return new BindError(explanation.errorClass, explanation.message(account), explanation.fix, {
      cause,
      ...(explanation.setting === undefined ? {} : {setting: explanation.setting}),
    });
  }

  const detail = code === undefined ? '' : ` (data ${code})`;
  return new BindError(
    'credentials',
    `The directory rejected the service account ${account} or its password${detail}.`,
    'Check the service account name (OpenLDAP needs the full DN) and retype its password. ' +
      lockoutNote,
    {cause, setting: 'directoryPassword'},
  );
}
