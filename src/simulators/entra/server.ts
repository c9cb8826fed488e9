import {generateKeyPair as generateKeyPairCallback, randomUUID, type KeyObject} from 'node:crypto';
import {serverCloser} from '../server-closer.js';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {promisify} from 'node:util';

import {signJwt} from './jwt.js';
import {errorBody} from './token-errors.js';
import {decideTokenRequest, exchangeOnlineResources} from './token-request.js';
import {demoTenant, type EntraApp, type EntraTenant} from './tenants.js';

export type EntraSimulatorOptions = {
  /** Defaults to 127.0.0.1; the simulator is for loopback only. */
  readonly host?: string;
  /** Defaults to 0: a free port. */
  readonly port?: number;
  /** Defaults to the demo tenant. */
  readonly tenants?: readonly EntraTenant[];
  /** Token lifetime in seconds; Entra ID's default is about an hour. */
  readonly tokenLifetimeSeconds?: number;
  /**
   * Serve HTTPS with this key and certificate (PEM), as Entra ID does. Without it the
   * simulator speaks plain HTTP, which only its own tests use: the product sends a client
   * secret to https:// alone.
   */
  readonly tls?: {readonly key: string; readonly cert: string};
};

/** One token request as the simulator saw it; the client secret is never kept. */
export type TokenRequestRecord = {
  readonly tenant: string;
  readonly clientId: string | null;
  readonly grantType: string | null;
  readonly scope: string | null;
  readonly contentType: string | null;
  readonly status: number;
  /** The AADSTS code of a refusal, or null for an issued token. */
  readonly code: number | null;
};

export type EntraSimulator = {
  /** What the client configures as its authority, e.g. `https://127.0.0.1:PORT`. */
  readonly authorityUrl: string;
  /** Verifies the tokens it issues (give it to the EWS simulator). */
  readonly publicKey: KeyObject;
  readonly requests: readonly TokenRequestRecord[];
  close(): Promise<void>;
};

const generateKeyPair = promisify(generateKeyPairCallback);
const tokenPath = /^\/([^/]+)\/oauth2\/v2\.0\/token$/;
const maxRequestBytes = 16 * 1024;

/**
 * A loopback Entra ID token endpoint (`POST /{tenant}/oauth2/v2.0/token`) for the client
 * credentials flow: RS256 access tokens for Exchange Online, with the app's roles, or the
 * AADSTS errors Entra ID sends.
 */
export async function startEntraSimulator(
  options: EntraSimulatorOptions = {},
): Promise<EntraSimulator> {
  const host = options.host ?? '127.0.0.1';
  const tenants = options.tenants ?? [demoTenant];
  const lifetime = options.tokenLifetimeSeconds ?? 3599;
  // On libuv's thread pool: the demo starts its other simulators meanwhile.
  const {publicKey, privateKey} = await generateKeyPair('rsa', {modulusLength: 2048});
  const keyId = randomUUID();
  const requests: TokenRequestRecord[] = [];

  const server: Server = options.tls
    ? createHttpsServer({key: options.tls.key, cert: options.tls.cert})
    : createHttpServer();
  server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
    readBody(incoming).then(
      (body) => {
        const match = tokenPath.exec((incoming.url ?? '/').split('?', 1)[0] ?? '');
        if (incoming.method !== 'POST' || match?.[1] === undefined || body === null) {
          response.writeHead(404, {'content-type': 'text/plain'}).end('Not found');
          return;
        }
        const tenantName = decodeURIComponent(match[1]);
        const contentType = incoming.headers['content-type'] ?? null;
        // Entra ID reads only a form body; anything else arrives as missing parameters.
        const form = /^application\/x-www-form-urlencoded\b/i.test(contentType ?? '')
          ? new URLSearchParams(body)
          : new URLSearchParams();
        const decision = decideTokenRequest(tenants, tenantName, form);
        const record = {
          tenant: tenantName,
          clientId: form.get('client_id'),
          grantType: form.get('grant_type'),
          scope: form.get('scope'),
          contentType,
        };

        const headers = {'content-type': 'application/json; charset=utf-8'};
        if (!decision.ok) {
          requests.push({...record, status: decision.failure.status, code: decision.failure.code});
          response.writeHead(decision.failure.status, headers);
          response.end(errorBody(decision.failure, new Date()));
          return;
        }
        requests.push({...record, status: 200, code: null});
        const token = issue(decision.tenant, decision.app, lifetime, privateKey, keyId);
        response.writeHead(200, headers);
        response.end(
          JSON.stringify({
            token_type: 'Bearer',
            expires_in: lifetime,
            ext_expires_in: lifetime,
            access_token: token,
          }),
        );
      },
      () => response.destroy(),
    );
  });

  const close = serverCloser(server);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const {port} = server.address() as AddressInfo;
  return {
    authorityUrl: `${options.tls ? 'https' : 'http'}://${host}:${port}`,
    publicKey,
    requests,
    close,
  };
}

function issue(
  tenant: EntraTenant,
  app: EntraApp,
  lifetime: number,
  privateKey: KeyObject,
  keyId: string,
): string {
  const now = Math.floor(Date.now() / 1000);
  return signJwt(
    {
      aud: exchangeOnlineResources[0],
      iss: `https://sts.windows.net/${tenant.tenantId}/`,
      iat: now,
      nbf: now,
      exp: now + lifetime,
      appid: app.clientId,
      idtyp: 'app',
      oid: randomUUID(),
      tid: tenant.tenantId,
      ver: '1.0',
      // Entra ID leaves the claim out, rather than sending it empty, when nothing was consented.
      ...(app.roles.length === 0 ? {} : {roles: [...app.roles]}),
    },
    privateKey,
    keyId,
  );
}

async function readBody(incoming: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of incoming) {
    size += (chunk as Buffer).length;
    if (size > maxRequestBytes) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
