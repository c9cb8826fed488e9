import {BindError} from '../errors.js';
import {classifyEntraError, type EntraApp} from './entra-errors.js';
import {parseAuthorityUrl} from './authority-url.js';
import {exchangeHttp, type HttpAnswer} from './http-exchange.js';
import type {Transport} from './transport.js';

/** App-only access to EWS in Exchange Online: the resource's default scope. */
export const exchangeOnlineScope = 'https://outlook.office365.com/.default';

export type AppCredentials = EntraApp & {readonly clientSecret: string};

/** The token endpoint for a tenant under an authority, checked before any connection. */
export function tokenEndpoint(authorityUrl: string, tenant: string): URL {
  const authority = parseAuthorityUrl(authorityUrl);
  const base = authority.href.replace(/\/+$/, '');
  return new URL(`${base}/${encodeURIComponent(tenant)}/oauth2/v2.0/token`);
}

/**
 * OAuth 2.0 client credentials against Entra ID: the app's own token for Exchange Online,
 * which then must impersonate the mailbox it opens. The secret travels in the form body,
 * over TLS only (the endpoint URL is checked for https).
 */
export async function requestAppToken(
  transport: Transport,
  endpoint: URL,
  app: AppCredentials,
  signal: AbortSignal,
): Promise<string> {
  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: app.clientId,
    client_secret: app.clientSecret,
    scope: exchangeOnlineScope,
  });
  const answer = await exchangeHttp(
    transport,
    endpoint,
    {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
      },
      body: form.toString(),
    },
    signal,
  );

  const json = parseJson(answer);
  const token = json?.access_token;
  if (answer.status === 200 && typeof token === 'string' && token !== '') return token;
  if (json === null || typeof json.error !== 'string') {
    throw new BindError(
      'server',
      `${endpoint.host} answered HTTP ${answer.status} without an OAuth token or error.`,
      'Check that the authority URL points at Entra ID (https://login.microsoftonline.com).',
      {setting: 'exchangeAuthority'},
    );
  }
  throw classifyEntraError(app, {
    status: answer.status,
    error: json.error,
    code: aadstsCode(json),
  });
}

type TokenJson = Record<string, unknown>;

function parseJson(answer: HttpAnswer): TokenJson | null {
  try {
    const value: unknown = JSON.parse(answer.body);
    return typeof value === 'object' && value !== null ? (value as TokenJson) : null;
  } catch {
    return null;
  }
}

// `error_codes` is the structured form; the description's `AADSTS7000215:` prefix is the
// fallback for proxies and older endpoints that drop it.
function aadstsCode(json: TokenJson): number | null {
  const codes = json.error_codes;
  if (Array.isArray(codes) && typeof codes[0] === 'number') return codes[0];
  const description = typeof json.error_description === 'string' ? json.error_description : '';
  const match = /AADSTS(\d+)/.exec(description);
  return match?.[1] === undefined ? null : Number(match[1]);
}
