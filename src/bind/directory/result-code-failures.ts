import type {ResultCodeError} from 'ldapts';

import {BindError, type ErrorClass} from '../errors.js';
import {invalidCredentialsError} from './ad-bind-codes.js';
import {describePhase, type DirectoryField, type FailureContext} from './failure-context.js';

/** The BindError for an LDAP result code other than success, given where it came back. */
export function resultCodeFailure(error: ResultCodeError, context: FailureContext): BindError {
  const {bindName, tlsMode} = context.settings;
  const baseDn = context.baseDn ?? '(none)';
  const result = `result ${error.code}, ${resultName(error)}`;
  const make = (
    errorClass: ErrorClass,
    message: string,
    fix: string,
    setting?: DirectoryField,
  ): BindError =>
    new BindError(errorClass, message, fix, {cause: error, ...(setting ? {setting} : {})});

  if (context.phase === 'starttls') {
    return make(
      'tls',
      `The directory server refused StartTLS (${result}).`,
      'Choose LDAPS, or give the directory server a certificate so that it offers StartTLS.',
      'tlsMode',
    );
  }

  switch (error.code) {
    case 49:
      return invalidCredentialsError(error.message, bindName, error);
    case 8:
    case 13:
      return make(
        'auth-scheme',
        tlsMode === 'none'
          ? `The directory refuses a password bind over an unencrypted connection (${result}).`
          : `The directory demands a stronger bind than a simple bind (${result}).`,
        tlsMode === 'none'
          ? 'Choose LDAPS (port 636) or StartTLS (port 389) in the TLS setting.'
          : 'Allow simple binds over TLS on the directory server for the service account.',
        tlsMode === 'none' ? 'tlsMode' : undefined,
      );
    case 7:
    case 48:
      return make(
        'auth-scheme',
        `The directory does not accept a simple (name and password) bind (${result}).`,
        'Allow simple binds for the service account on the directory server.',
      );
    case 32:
      return context.phase === 'bind'
        ? make(
            'credentials',
            `The directory has no entry for the service account ${bindName} (${result}).`,
            'Check the service account name; OpenLDAP needs its full DN.',
            'bindName',
          )
        : make(
            'not-found',
            `The base DN ${baseDn} does not exist on the directory server, or the service ` +
              `account cannot see it (${result}).`,
            "Correct the base DN, or leave it empty to use the server's default naming context.",
            'baseDn',
          );
    case 10:
      return make(
        'not-found',
        `The base DN ${baseDn} is not held by this directory server: it refers elsewhere ` +
          `(${result}), usually to another domain.`,
        "Use a base DN of this server's domain, point at a domain controller of that domain, " +
          'or use the Global Catalog (port 3268, or 3269 with TLS).',
        'baseDn',
      );
    case 34:
      return context.phase === 'bind'
        ? make(
            'input',
            `The service account name ${bindName} is not a valid DN (${result}).`,
            'Enter the full DN of the service account (cn=…,ou=…,dc=…).',
            'bindName',
          )
        : make(
            'input',
            `The base DN ${baseDn} is not a valid DN (${result}).`,
            'Correct the base DN (e.g. dc=example,dc=com), or leave it empty.',
            'baseDn',
          );
    case 50:
      return make(
        'permission',
        `The service account ${bindName} is not allowed to search the directory (${result}).`,
        'Give the service account read access to users and their mail attribute under the base DN.',
      );
    case 3:
      return make(
        'server',
        `The directory did not finish the search for mail-enabled users in time (${result}).`,
        'Narrow the base DN to the part of the directory that holds the users.',
        'baseDn',
      );
    case 51:
    case 52:
      return make(
        'server',
        `The directory server is busy or unavailable (${result}).`,
        'Try again in a moment, or point at another directory server.',
      );
    default:
      return make(
        'server',
        `The directory answered ${result} while ${describePhase(context.phase)}.`,
        "See the directory server's log for the reason.",
      );
  }
}

/** `InvalidCredentialsError` -> `invalidCredentials`, the name RFC 4511 gives the result. */
function resultName(error: ResultCodeError): string {
  const name = error.name.replace(/Error$/, '');
  return name.charAt(0).toLowerCase() + name.slice(1);
}
