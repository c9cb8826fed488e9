import {BindError, type ErrorClass} from '../errors.js';

/** Where an API base URL came from, for the messages: a setting, or an answer from Mimecast. */
export type ApiBaseSource = {
  readonly errorClass: Extract<ErrorClass, 'input' | 'server'>;
  /** e.g. "The discovery URL", "The regional API address from discovery". */
  readonly label: string;
  readonly fix: string;
  /** The form field the address comes from, if it is a setting. */
  readonly setting?: string;
};

/**
 * Checks an API base URL and returns its origin (scheme, host, port), with which request paths
 * are joined. Only the origin counts: API 1.0 paths are signed as `/api/...`, so a base with a
 * path of its own could never be signed correctly.
 * Only `https://` is accepted, loopback included: the simulators serve HTTPS with a CA of
 * their own, so nothing needs an exception.
 */
export function parseApiBase(text: string, source: ApiBaseSource): string {
  const fail = (why: string) =>
    new BindError(
      source.errorClass,
      `${source.label} ${why}`,
      source.fix,
      source.setting === undefined ? {} : {setting: source.setting},
    );
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw fail('is not a valid address; it must look like https://api.mimecast.com.');
  }
  // Never echo a URL that carries a user name or password.
  if (url.username !== '' || url.password !== '') {
    throw fail('must not contain a user name or password.');
  }
  const shown = url.href;
  if (url.protocol === 'http:') {
    throw fail(`(${shown}) must use https://; plain http:// is refused.`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw fail(`(${shown}) must be an https:// address.`);
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw fail(`(${shown}) must be a host only, without a path such as ${url.pathname}.`);
  }
  return url.origin;
}
