import {BindError} from '../errors.js';
import type {DirectorySettings} from '../settings.js';

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
