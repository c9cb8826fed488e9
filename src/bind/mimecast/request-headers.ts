import type {MimecastRealm} from './types.js';
import {signRequest} from './signing.js';
import {userAgent} from './user-agent.js';

export type RequestIdentity = {
  readonly appId: string;
  readonly reqId: string;
  readonly date: string;
  /** Absent for discovery, which is the one call made without an Authorization header. */
  readonly authorization: string | undefined;
};

export function requestHeaders(identity: RequestIdentity): Record<string, string> {
  const headers: Record<string, string> = {
    'x-mc-app-id': identity.appId,
    'x-mc-req-id': identity.reqId,
    'x-mc-date': identity.date,
    'content-type': 'application/json',
    accept: 'application/json',
    'user-agent': userAgent,
  };
  if (identity.authorization !== undefined) headers.authorization = identity.authorization;
  return headers;
}

/** The login header: `<realm> base64(utf8(email:password))`. */
export function basicAuthorization(realm: MimecastRealm, email: string, password: string): string {
  return `${realm} ${Buffer.from(`${email}:${password}`, 'utf8').toString('base64')}`;
}

export type SignedAuthorizationInput = {
  readonly accessKey: string;
  readonly secretKey: string;
  readonly appKey: string;
  readonly date: string;
  readonly reqId: string;
  readonly path: string;
};

/** The header of every call after login: `MC <accessKey>:<signature>`. */
export function signedAuthorization(input: SignedAuthorizationInput): string {
  return `MC ${input.accessKey}:${signRequest(input)}`;
}
