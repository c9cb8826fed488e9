import {serverCloser} from '../server-closer.js';
import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';

import type {ServerVersion} from '../../bind/exchange/server-version.js';
import {demoFixture} from '../demo-fixture.js';
import {demoOrganisation, sameAddress, type EwsOrganisation} from './accounts.js';
import type {AutodiscoverBehaviour} from './autodiscover-reply.js';
import {authorizationScheme, readBasicAuthorization} from './basic-auth.js';
import type {BearerTrust} from './bearer-auth.js';
import {newConnectionState, type ConnectionState} from './connection-state.js';
import type {EwsFailure} from './failures.js';
import {handleEwsRequest, type EwsSimulatorState, type Outcome} from './handle-request.js';

export type EwsSimulatorOptions = {
  /** Defaults to 127.0.0.1; the simulator is for loopback only. */
  readonly host?: string;
  /** Defaults to 0: a free port. */
  readonly port?: number;
  /** Defaults to the demo site's organisation. */
  readonly organisation?: EwsOrganisation;
  /** False: the EWS virtual directory offers no Basic. Defaults to true. */
  readonly basicEnabled?: boolean;
  /** False: no Windows authentication (Negotiate / NTLM). Defaults to true. */
  readonly ntlmEnabled?: boolean;
  /** NetBIOS name of the simulated domain, for `DOMAIN\\user` NTLM sign-in; `CONTOSO`. */
  readonly netbiosDomain?: string;
  /** Accept OAuth app-only tokens signed with this key (the Entra simulator's). */
  readonly bearer?: BearerTrust;
  /**
   * False: a load balancer or proxy that does not keep the connection between the two NTLM
   * legs (the challenge goes out with `Connection: close`). Defaults to true.
   */
  readonly keepNtlmConnection?: boolean;
  /**
   * False: the NTLM negotiate message is answered with the bare `Negotiate` and `NTLM`
   * challenges and no NTLM challenge in them, as behind a proxy that strips it or with Windows
   * authentication set up wrong on the EWS virtual directory. Defaults to true.
   */
  readonly ntlmChallenge?: boolean;
  /** Reported build; defaults to Exchange 2019 CU14 (15.2.1544.4). */
  readonly serverVersion?: ServerVersion;
  /** RequestServerVersion values accepted; defaults to every documented one up to 2013 SP1. */
  readonly schemaVersions?: readonly string[];
  /** Serve HTTPS with this key and certificate (PEM) instead of plain HTTP. */
  readonly tls?: {readonly key: string; readonly cert: string};
};

/** One request as the simulator saw it; the password is never kept. */
export type EwsRequestRecord = {
  readonly method: string;
  readonly path: string;
  readonly status: number | 'hung';
  /** Which TCP connection carried it (numbered from 1 in the order they were opened). */
  readonly connectionId: number;
  readonly authScheme: string | null;
  /** The user named in a Basic header, whether or not the password was right. */
  readonly basicUser: string | null;
  /** The user named in a Basic header or an NTLM authenticate message, right or wrong. */
  readonly attemptedUser: string | null;
  /** The user who logged in (`app <client id>` for an OAuth app). */
  readonly user: string | null;
  readonly anchorMailbox: string | null;
  readonly userAgent: string | null;
  readonly contentType: string | null;
  readonly schemaVersion: string | null;
  readonly impersonate: string | null;
  readonly mailbox: string | null;
};

export type EwsSimulator = {
  readonly ewsUrl: string;
  readonly port: number;
  /** Every request so far, oldest first. */
  readonly requests: readonly EwsRequestRecord[];
  /** Connections currently open, to check that a client closed its sockets. */
  openConnections(): number;
  /** Connections accepted since the start. */
  connectionsOpened(): number;
  setPassword(user: string, password: string): void;
  setBasicEnabled(enabled: boolean): void;
  setNtlmEnabled(enabled: boolean): void;
  /** What POX Autodiscover answers from now on; `settings` (this EWS URL) by default. */
  setAutodiscover(behaviour: AutodiscoverBehaviour): void;
  /** Queue a failure for the next request that reaches its stage (see EwsFailure). */
  failNext(failure: EwsFailure): void;
  close(): Promise<void>;
};

export const allSchemaVersions = [
  'Exchange2007',
  'Exchange2007_SP1',
  'Exchange2010',
  'Exchange2010_SP1',
  'Exchange2010_SP2',
  'Exchange2013',
  'Exchange2013_SP1',
] as const;

const defaultServerVersion: ServerVersion = {major: 15, minor: 2, majorBuild: 1544, minorBuild: 4};
const maxRequestBytes = 64 * 1024;

/** A loopback Exchange EWS endpoint at `/EWS/Exchange.asmx`, for the demo and the tests. */
export async function startEwsSimulator(options: EwsSimulatorOptions = {}): Promise<EwsSimulator> {
  const host = options.host ?? '127.0.0.1';
  const dnsDomain = demoFixture.domain;
  const state: EwsSimulatorState = {
    organisation: options.organisation ?? demoOrganisation(),
    basicEnabled: options.basicEnabled ?? true,
    ntlmEnabled: options.ntlmEnabled ?? true,
    ntlmChallenge: options.ntlmChallenge ?? true,
    bearer: options.bearer ?? null,
    names: {
      netbiosDomain: options.netbiosDomain ?? 'CONTOSO',
      netbiosComputer: 'EXCH01',
      dnsDomain,
      dnsComputer: `exch01.${dnsDomain}`,
    },
    autodiscover: {kind: 'settings'},
    ewsUrl: '',
    realm: host,
    server: {
      version: options.serverVersion ?? defaultServerVersion,
      versionLabel: (options.serverVersion?.major ?? 15) >= 15 ? 'V2017_07_11' : 'Exchange2010_SP2',
    },
    schemaVersions: options.schemaVersions ?? allSchemaVersions,
    pendingFailures: [],
  };
  const requests: EwsRequestRecord[] = [];
  const sockets = new Set<Socket>();
  const connections = new WeakMap<Socket, ConnectionState>();
  let opened = 0;

  const server: Server = options.tls
    ? createHttpsServer({key: options.tls.key, cert: options.tls.cert})
    : createHttpServer();
  const close = serverCloser(server);
  server.on(options.tls ? 'secureConnection' : 'connection', (socket: Socket) => {
    opened += 1;
    connections.set(socket, newConnectionState(opened));
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('request', (incoming: IncomingMessage, response: ServerResponse) => {
    readBody(incoming).then(
      (body) => {
        if (body === null) {
          response.writeHead(413, {connection: 'close'}).end();
          return;
        }
        const connection = connections.get(incoming.socket) ?? newConnectionState(Number.NaN);
        const outcome = handleEwsRequest(
          state,
          {
            method: incoming.method ?? 'GET',
            path: incoming.url ?? '/',
            authorization: incoming.headers.authorization,
            contentType: incoming.headers['content-type'],
            body,
          },
          connection,
        );
        requests.push(record(incoming, outcome, connection.id));
        // A hung request stays open until the client gives up or the simulator closes.
        if (outcome.reply === 'hang') return;
        const {status, headers, body: replyBody} = outcome.reply;
        const dropping =
          options.keepNtlmConnection === false && connection.pendingChallenge !== null;
        response.writeHead(status, {
          ...headers,
          ...(dropping ? {connection: 'close'} : {}),
        } as Record<string, string | string[]>);
        response.end(replyBody);
      },
      // The client went away while sending: nothing to answer.
      () => response.destroy(),
    );
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const {port} = server.address() as AddressInfo;
  const scheme = options.tls ? 'https' : 'http';
  state.ewsUrl = `${scheme}://${host}:${port}/EWS/Exchange.asmx`;

  return {
    ewsUrl: state.ewsUrl,
    port,
    requests,
    openConnections: () => sockets.size,
    connectionsOpened: () => opened,
    setPassword(user, password) {
      const accounts = state.organisation.accounts.map((account) =>
        sameAddress(account.user, user) ? {...account, password} : account,
      );
      state.organisation = {...state.organisation, accounts};
    },
    setBasicEnabled(enabled) {
      state.basicEnabled = enabled;
    },
    setNtlmEnabled(enabled) {
      state.ntlmEnabled = enabled;
    },
    setAutodiscover(behaviour) {
      state.autodiscover = behaviour;
    },
    failNext(failure) {
      state.pendingFailures.push(failure);
    },
    close,
  };
}

/** The request body, or null when it is larger than any GetFolder could be. */
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

function record(
  incoming: IncomingMessage,
  outcome: Outcome,
  connectionId: number,
): EwsRequestRecord {
  const {authorization} = incoming.headers;
  const anchor = incoming.headers['x-anchormailbox'];
  return {
    method: incoming.method ?? 'GET',
    path: incoming.url ?? '/',
    status: outcome.reply === 'hang' ? 'hung' : outcome.reply.status,
    connectionId,
    authScheme: authorizationScheme(authorization),
    basicUser: readBasicAuthorization(authorization)?.user ?? null,
    attemptedUser: outcome.attemptedUser,
    user: outcome.user,
    anchorMailbox: typeof anchor === 'string' ? anchor : null,
    userAgent: incoming.headers['user-agent'] ?? null,
    contentType: incoming.headers['content-type'] ?? null,
    schemaVersion: outcome.request?.schemaVersion ?? null,
    impersonate: outcome.request?.impersonate ?? null,
    mailbox: outcome.request?.mailbox ?? null,
  };
}
