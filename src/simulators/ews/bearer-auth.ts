import type {KeyObject} from 'node:crypto';

import {verifyJwt} from '../entra/jwt.js';
import {exchangeOnlineResources} from '../entra/token-request.js';

/** Where the simulator's trust in OAuth tokens comes from: the Entra simulator's key. */
export type BearerTrust = {readonly publicKey: KeyObject | string};

/** An app signed in with an app-only token. */
export type AppPrincipal = {readonly clientId: string; readonly roles: readonly string[]};

export type BearerCheck =
  | {readonly ok: true; readonly app: AppPrincipal}
  /** Refused with Exchange Online's `x-ms-diagnostics` line. */
  | {readonly ok: false; readonly diagnostics: string};

export const fullAccessAsApp = 'full_access_as_app';

/**
 * Exchange Online's checks on an app-only token: signature, lifetime and audience, then the
 * EWS permission (full_access_as_app), whose absence is the 2000008 diagnostic.
 */
export function checkBearer(token: string, trust: BearerTrust): BearerCheck {
  const check = verifyJwt(token, trust.publicKey);
  if (!check.ok) return refuse(2000001, check.reason, 'invalid_token');

  const {claims} = check;
  if (typeof claims.aud !== 'string' || !exchangeOnlineResources.includes(claims.aud)) {
    return refuse(2000003, 'The audience claim value is invalid.', 'invalid_resource');
  }
  const roles = Array.isArray(claims.roles)
    ? claims.roles.filter((role): role is string => typeof role === 'string')
    : [];
  if (!roles.includes(fullAccessAsApp)) {
    return refuse(
      2000008,
      'The token contains no permissions, or permissions can not be understood.',
      'invalid_grant',
    );
  }
  return {ok: true, app: {clientId: String(claims.appid ?? ''), roles}};
}

function refuse(code: number, reason: string, category: string): BearerCheck {
  return {ok: false, diagnostics: `${code};reason="${reason}";error_category="${category}"`};
}
