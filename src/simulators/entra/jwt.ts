import {createPublicKey, sign, verify, type KeyObject} from 'node:crypto';

export type JwtClaims = Readonly<Record<string, unknown>>;

export type JwtCheck =
  {readonly ok: true; readonly claims: JwtClaims} | {readonly ok: false; readonly reason: string};

/** A compact JWS signed with RS256, as Entra ID issues its access tokens. */
export function signJwt(claims: JwtClaims, privateKey: KeyObject, keyId: string): string {
  const header = encode({typ: 'JWT', alg: 'RS256', kid: keyId});
  const payload = encode(claims);
  const signature = sign('sha256', Buffer.from(`${header}.${payload}`), privateKey);
  return `${header}.${payload}.${signature.toString('base64url')}`;
}

/** Checks the RS256 signature and the time window; the caller checks audience and roles. */
export function verifyJwt(
  token: string,
  publicKey: KeyObject | string,
  now = Date.now(),
): JwtCheck {
  const parts = token.split('.');
  if (parts.length !== 3) return {ok: false, reason: 'The token is not a JWT.'};
  const [header = '', payload = '', signature = ''] = parts;

  const head = decode(header);
  if (head?.alg !== 'RS256') return {ok: false, reason: 'The token is not signed with RS256.'};
  const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${payload}`),
    key,
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) return {ok: false, reason: 'The token has an invalid signature.'};

  const claims = decode(payload);
  if (claims === null) return {ok: false, reason: 'The token payload is not JSON.'};
  const seconds = Math.floor(now / 1000);
  if (typeof claims.exp !== 'number' || claims.exp <= seconds) {
    return {ok: false, reason: 'The token has expired.'};
  }
  if (typeof claims.nbf === 'number' && claims.nbf > seconds + 300) {
    return {ok: false, reason: 'The token is not yet valid.'};
  }
  return {ok: true, claims};
}

function encode(value: unknown): string {
  return Buffer.from(JSON.stringify(value), 'utf8').toString('base64url');
}

function decode(part: string): Record<string, unknown> | null {
  try {
    const value: unknown = JSON.parse(Buffer.from(part, 'base64url').toString('utf8'));
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
