import {BindError} from '../errors.js';

/**
 * Checks made before any traffic, so that an impossible value is reported as the field to fix
 * rather than as whatever the network or Mimecast makes of it. Values are never echoed when
 * they are secrets.
 */

const printableAscii = /^[\x21-\x7e]+$/;

export function checkEmail(email: string): string {
  const trimmed = email.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 1 || at === trimmed.length - 1 || /\s/.test(trimmed)) {
    throw new BindError(
      'input',
      `"${trimmed}" is not an email address.`,
      "Type the Mimecast administrator's primary email address, e.g. admin@example.com.",
    );
  }
  return trimmed;
}

export function checkAppId(appId: string): string {
  const trimmed = appId.trim();
  if (!printableAscii.test(trimmed)) {
    throw new BindError(
      'input',
      trimmed === ''
        ? 'The Mimecast application id is empty.'
        : 'The Mimecast application id contains spaces or characters an id never has.',
      'Copy the application id from Administration Console | Services | API and Platform ' +
        'Integrations into the site settings.',
    );
  }
  return trimmed;
}

export function checkAppKey(appKey: string): void {
  if (appKey.trim() === '') {
    throw new BindError(
      'input',
      'The Mimecast application key is empty.',
      'Copy the application key registered with the application id into the site settings.',
    );
  }
}

export function checkPassword(password: string): void {
  if (password === '') {
    throw new BindError(
      'input',
      'The Mimecast password is empty.',
      "Type the Mimecast administrator's password.",
    );
  }
}
