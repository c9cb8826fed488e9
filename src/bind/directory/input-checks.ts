import {BindError} from '../errors.js';
import type {DirectorySettings, DirectoryType} from '../settings.js';

/**
 * Checks made before any connection. The empty password matters most: RFC 4513 makes a simple
 * bind with a name and no password an "unauthenticated bind", which Active Directory and many
 * other servers answer with success as an anonymous user. ldapts does not refuse it.
 */
export function checkDirectoryInput(settings: DirectorySettings, password: string): void {
  if (settings.host.trim() === '') {
    throw new BindError(
      'input',
      'No directory server is set.',
      'Enter the name or address of the directory server.',
      {setting: 'directoryHost'},
    );
  }
  if (!Number.isInteger(settings.port) || settings.port < 1 || settings.port > 65535) {
    throw new BindError(
      'input',
      `The directory port ${settings.port} is not a port number.`,
      'Enter a port from 1 to 65535 (389 for LDAP and StartTLS, 636 for LDAPS).',
      {setting: 'directoryPort'},
    );
  }
  if (settings.bindName.trim() === '') {
    throw new BindError(
      'input',
      'No directory service account is set.',
      'Enter the service account (a DN, or for Active Directory also user@domain or DOMAIN\\user).',
      {setting: 'bindName'},
    );
  }
  const formProblem = bindNameFormProblem(settings.type, settings.bindName.trim());
  if (formProblem !== undefined) {
    throw new BindError('input', formProblem.message, formProblem.fix, {setting: 'bindName'});
  }
  if (password === '') {
    throw new BindError(
      'input',
      `No password was given for the directory service account ${settings.bindName}; an empty ` +
        'password would only prove an anonymous bind.',
      "Enter the service account's password.",
      {setting: 'directoryPassword'},
    );
  }
}

type FormProblem = {readonly message: string; readonly fix: string};

/**
 * Names the server would refuse, caught before they cost a bad-password count. A simple bind
 * names the account by DN (RFC 4513); Active Directory also takes user@domain (UPN) and
 * DOMAIN\user; Domino also takes short names, so nothing is checked for it.
 * AD also takes a canonical name (corp.example/Users/svc), which passes. A bare account name,
 * or DOMAIN/user with a slash, is refused: Samba answers both with data 52e, and Windows DCs
 * are documented to take neither (inferred, not checked against a Windows DC).
 */
export function bindNameFormProblem(type: DirectoryType, name: string): FormProblem | undefined {
  const isDn = looksLikeDn(name);
  if (type === 'ldap' && !isDn) {
    return {
      message: `${name} is not a DN, and a generic LDAP server (OpenLDAP) binds by DN only.`,
      fix:
        'Enter the full DN of the service account (e.g. cn=svc-mse,ou=services,dc=example,' +
        'dc=com), or choose Active Directory as the directory type if the server is AD.',
    };
  }
  if (type !== 'active-directory' || isDn) return undefined;

  const downLevel = /^([^\\]*)\\(.*)$/.exec(name);
  if (
    downLevel !== null &&
    (downLevel[1] === '' || downLevel[2] === '' || /\\/.test(downLevel[2] ?? ''))
  ) {
    return {
      message: `${name} is not a DOMAIN\\user name (one backslash between domain and user).`,
      fix: 'Enter the service account as DOMAIN\\user (one backslash), user@domain, or its DN.',
    };
  }
  if (downLevel === null && /^[^./@]+\/[^/]+$/.test(name)) {
    return {
      message: `${name} has a slash where Active Directory expects a backslash (DOMAIN\\user).`,
      fix: `Enter the service account as ${name.replace('/', '\\')}, user@domain, or its DN.`,
    };
  }
  if (downLevel === null && !/^[^@\s]+@[^@\s]+$/.test(name) && !name.includes('/')) {
    return {
      message: `${name} is not a name Active Directory takes for a simple bind.`,
      fix:
        'Enter the service account as user@domain (its UPN), DOMAIN\\user, or its DN ' +
        '(CN=svc-mse,OU=Services,DC=example,DC=com).',
    };
  }
  return undefined;
}

/** A name that starts as a DN does (attribute=value): a loose test; the server decides. */
export function looksLikeDn(name: string): boolean {
  return /^[^=,]+=[^=]/.test(name);
}
