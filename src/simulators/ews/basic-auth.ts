export type BasicCredentials = {readonly user: string; readonly password: string};

/** Decodes `Authorization: Basic base64(user:password)`; null for any other header. */
export function readBasicAuthorization(header: string | undefined): BasicCredentials | null {
  const match = /^Basic\s+([A-Za-z0-9+/]+=*)\s*$/i.exec(header ?? '');
  if (match?.[1] === undefined) return null;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const separator = decoded.indexOf(':');
  if (separator === -1) return null;
  return {user: decoded.slice(0, separator), password: decoded.slice(separator + 1)};
}

/** The scheme of an Authorization header, e.g. `NTLM`, without its credentials. */
export function authorizationScheme(header: string | undefined): string | null {
  const scheme = header?.trim().split(/\s+/, 1)[0];
  return scheme === undefined || scheme === '' ? null : scheme;
}
