import type {ResultCodeError} from 'ldapts';

import {BindError, type ErrorClass} from '../errors.js';
import {invalidCredentialsError} from './ad-bind-codes.js';
import {looksLikeDn} from './input-checks.js';
import {describePhase, type DirectoryField, type FailureContext} from './failure-context.js';
import {leaveEmptyAdvice} from './leave-empty-advice.js';

/** The BindError for an LDAP result code other than success, given where it came back. */
export function resultCodeFailure(error: ResultCodeError, context: FailureContext): BindError {
  const {bindName, tlsMode} = context.settings;
  const baseDn = context.baseDn ?? '(none)';
  const result = `result ${error.code}, ${resultName(error)}`;
  const leaveEmpty = leaveEmptyAdvice(context);
  const orLeaveEmpty = leaveEmpty === undefined ? '' : `, or ${leaveEmpty}`;
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
            `Correct the base DN${orLeaveEmpty}.`,
            'baseDn',
          );
    case 10:
      return make(
        'not-found',
        `The base DN ${baseDn} is not held by this directory server: it refers elsewhere ` +
          `(${result}${referralTarget(error)})` +
          `${context.settings.type === 'active-directory' ? ', usually to another domain' : ''}.`,
        context.settings.type === 'active-directory'
          ? "Use a base DN of this server's domain, point at a domain controller of that " +
              'domain, or use the Global Catalog (port 3268, or 3269 with TLS).'
          : `Use a base DN this server holds${leaveEmpty === undefined ? '' : ` (${leaveEmpty})`}, ` +
              'or point at the server that holds it.',
        'baseDn',
      );
    case 34:
      if (context.phase === 'bind' && notTakenAsAdName(context)) {
        return make(
          'input',
          `The directory server refuses the service account name ${bindName} as not a DN ` +
            `(${result}); Active Directory takes that form, so the server is not Active Directory.`,
          "Choose the server's directory type and enter the service account's full DN. If the " +
            "site's directory is Active Directory, correct the directory server instead.",
          'directoryType',
        );
      }
      return context.phase === 'bind'
        ? make(
            'input',
            `The service account name ${bindName} is not a valid DN (${result}).`,
            'Enter the full DN of the service account (cn=...,ou=...,dc=...).',
            'bindName',
          )
        : make(
            'input',
            `The base DN ${baseDn} is not a valid DN (${result}).`,
            `Correct the base DN (e.g. dc=example,dc=com)${orLeaveEmpty}.`,
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
        `The directory stopped the search for mail-enabled users at its time limit ` +
          `(${result})${seenSoFar(context)}: it could not search under ${baseDn}` +
          `${askedWithin(context)}.`,
        'Narrow the base DN to the part of the directory that holds the users, or raise the ' +
          "server's time limit for the service account (AD: MaxQueryDuration).",
        'baseDn',
      );
    case 4:
      return make(
        'permission',
        `The directory stopped the search for mail-enabled users at its size limit ` +
          `(${result})${seenSoFar(context)}, so the service account cannot read every user.`,
        'Raise the size limit for the service account (OpenLDAP: a "limits" rule with ' +
          'size=unlimited for its DN), or narrow the base DN.',
      );
    case 11:
      return make(
        'permission',
        `The directory refused the search for mail-enabled users as too large (${result})` +
          `${seenSoFar(context)}.`,
        "Raise the server's administrative limits for the service account (AD: MaxPageSize " +
          'and MaxResultSetSize in the LDAP policy), or narrow the base DN.',
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

/**
 * Active Directory was chosen and the name is one of the other forms it takes (user@domain,
 * DOMAIN\user: the form check let it through), yet the server wants a DN. Inferred: a domain
 * controller answers a name it does not know with result 49 (data 525 or 52e), not 34; only a
 * malformed DN gets 34. So the answer shows the server is not AD, which happens when its rootDSE
 * was hidden from the read before the bind (AD shows it to anyone).
 */
function notTakenAsAdName(context: FailureContext): boolean {
  const {type, bindName} = context.settings;
  return type === 'active-directory' && !looksLikeDn(bindName.trim());
}

/** `InvalidCredentialsError` -> `invalidCredentials`, the name RFC 4511 gives the result. */
function resultName(error: ResultCodeError): string {
  // ldapts has no error class for a referral: it arrives as UnknownStatusCodeError.
  if (error.code === 10) return 'referral';
  const name = error.name.replace(/Error$/, '');
  return name.charAt(0).toLowerCase() + name.slice(1);
}

function seenSoFar(context: FailureContext): string {
  const seen = context.usersSeen;
  return seen === undefined || seen === 0 ? '' : ` after ${seen} users`;
}

function askedWithin(context: FailureContext): string {
  const seconds = context.searchTimeLimitSeconds;
  return seconds === undefined ? '' : ` within the ${seconds} s asked for`;
}

/**
 * Where a referral points, when the diagnostic text says: AD writes `ref 1: 'other.example'`,
 * other servers may write a URL. ldapts does not parse the LDAPResult's referral field.
 */
function referralTarget(error: ResultCodeError): string {
  const target =
    /\bref \d+: '([^']+)'/i.exec(error.message)?.[1] ??
    /\bldaps?:\/\/[^\s]+/i.exec(error.message)?.[0];
  return target === undefined ? '' : ` to ${target}`;
}
