/** The login Authorization header `<realm> base64(email:password)`, split. */
export type BasicCredentials = {
  readonly realm: string;
  readonly email: string;
  readonly password: string;
};

export function parseBasicCredentials(header: string | undefined): BasicCredentials | null {
  const match = /^(Basic-\S+) ([A-Za-z0-9+/=]+)$/i.exec(header?.trim() ?? '');
  if (!match) return null;
  const decoded = Buffer.from(match[2] ?? '', 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 1) return null;
  return {
    realm: match[1] ?? '',
    email: decoded.slice(0, colon),
    password: decoded.slice(colon + 1),
  };
}
