import {BindError} from '../errors.js';

const loopbackHosts = new Set(['127.0.0.1', 'localhost', '[::1]']);

/**
 * The EWS URL as typed, checked before any connection: Basic auth sends the password with
 * every request, so it only ever travels over TLS.
 */
export function parseEwsUrl(typed: string): URL {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw new BindError(
      'input',
      'The EWS URL is not a valid URL.',
      'Enter it as https://<mail server>/EWS/Exchange.asmx.',
    );
  }

  if (url.username !== '' || url.password !== '') {
    throw new BindError(
      'input',
      'The EWS URL contains a user name or password.',
      'Remove them from the URL; enter the Exchange service account in its own fields.',
    );
  }

  // Limitation: the loopback EWS simulator may serve plain HTTP, so loopback hosts are allowed
  // http; every other host must use https.
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopbackHosts.has(url.hostname))) {
    return url;
  }
  throw new BindError(
    'input',
    `The EWS URL must start with https:// (got ${url.protocol}//${url.host}).`,
    'Enter it as https://<mail server>/EWS/Exchange.asmx; the password never travels unencrypted.',
  );
}

/** Exchange Online's fixed EWS host, where Basic auth is retired. */
export function isExchangeOnline(url: URL): boolean {
  return url.hostname.toLowerCase() === 'outlook.office365.com';
}
