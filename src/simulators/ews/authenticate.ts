import {findAccount, type EwsAccount, type EwsOrganisation} from './accounts.js';
import {readBasicAuthorization} from './basic-auth.js';
import {checkBearer, type AppPrincipal, type BearerTrust} from './bearer-auth.js';
import type {ConnectionState} from './connection-state.js';
import type {ServerNames} from './ntlm-messages.js';
import {ntlmStep} from './ntlm-auth.js';
import {unauthorized, type Reply} from './replies.js';

/** Who a request runs as. */
export type Principal =
  | {readonly kind: 'user'; readonly account: EwsAccount}
  | {readonly kind: 'app'; readonly app: AppPrincipal};

/** How the EWS virtual directory is set up: which schemes it offers, and whom it trusts. */
export type AuthSetup = {
  organisation: EwsOrganisation;
  basicEnabled: boolean;
  ntlmEnabled: boolean;
  /** False: the NTLM negotiate message gets the plain challenges back, no NTLM challenge. */
  ntlmChallenge: boolean;
  bearer: BearerTrust | null;
  realm: string;
  names: ServerNames;
};

export type AuthOutcome =
  | {
      readonly kind: 'signed-in';
      readonly principal: Principal;
      /** The account's own name (its UPN, or `app <client id>`). */
      readonly name: string;
      /** The name as the client sent it, e.g. `CONTOSO\svc-mse`. */
      readonly attempted: string;
    }
  /** Answer with this 401 (a challenge or a refusal); `name` is who tried, if known. */
  | {readonly kind: 'reply'; readonly reply: Reply; readonly name: string | null};

/** Reads the Authorization header the way IIS and Exchange Online do, per scheme. */
export function authenticate(
  setup: AuthSetup,
  authorization: string | undefined,
  connection: ConnectionState,
): AuthOutcome {
  const refused = (name: string | null, extra: Record<string, string> = {}): AuthOutcome => ({
    kind: 'reply',
    reply: unauthorized(challenges(setup), extra),
    name,
  });

  const [scheme = '', token = ''] = (authorization ?? '').trim().split(/\s+/, 2);
  if (scheme === '') {
    // IIS keeps an NTLM sign-in for the rest of the connection.
    const account = setup.ntlmEnabled ? connection.ntlmAccount : null;
    if (account === null) return refused(null);
    const name = account.user;
    return {kind: 'signed-in', principal: {kind: 'user', account}, name, attempted: name};
  }

  switch (scheme.toLowerCase()) {
    case 'basic': {
      const credentials = readBasicAuthorization(authorization);
      if (!setup.basicEnabled || credentials === null) return refused(credentials?.user ?? null);
      const account = findAccount(setup.organisation, credentials.user);
      if (account?.password !== credentials.password) return refused(credentials.user);
      return {
        kind: 'signed-in',
        principal: {kind: 'user', account},
        name: account.user,
        attempted: credentials.user,
      };
    }
    case 'ntlm':
    case 'negotiate': {
      if (!setup.ntlmEnabled) return refused(null);
      const step = ntlmStep(scheme, token, connection, setup.organisation, setup.names);
      if (step.kind === 'challenge' && !setup.ntlmChallenge) {
        // What reaches the client when the challenge is lost on the way: the server's bare
        // list of schemes, as if no negotiate message had been sent.
        connection.pendingChallenge = null;
        return refused(null);
      }
      if (step.kind === 'challenge') {
        return {kind: 'reply', reply: unauthorized([step.header]), name: null};
      }
      if (step.kind === 'refused') return refused(step.user);
      return {
        kind: 'signed-in',
        principal: {kind: 'user', account: step.account},
        name: step.account.user,
        attempted: step.user,
      };
    }
    case 'bearer': {
      if (setup.bearer === null) return refused(null);
      const check = checkBearer(token, setup.bearer);
      if (!check.ok) return refused(null, {'x-ms-diagnostics': check.diagnostics});
      const name = `app ${check.app.clientId}`;
      return {kind: 'signed-in', principal: {kind: 'app', app: check.app}, name, attempted: name};
    }
    default:
      return refused(null);
  }
}

/** One WWW-Authenticate line per scheme the virtual directory allows, as IIS sends them. */
export function challenges(setup: AuthSetup): string[] {
  const lines: string[] = [];
  if (setup.ntlmEnabled) lines.push('Negotiate', 'NTLM');
  if (setup.basicEnabled) lines.push(`Basic realm="${setup.realm}"`);
  if (setup.bearer !== null) {
    lines.push(
      'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", ' +
        'trusted_issuers="00000001-0000-0000-c000-000000000000@*", ' +
        'token_types="app_asserted_user_v1 service_asserted_app_v1", ' +
        'authorization_uri="https://login.microsoftonline.com/common/oauth2/authorize"',
    );
  }
  return lines;
}
