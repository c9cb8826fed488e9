import type {IncomingMessage, ServerResponse} from 'node:http';
import {processCertificateAuthority, type ServerCertificate} from '../tls/index.js';
import {demoAccounts, type SimAccount, type SimUserState} from './accounts.js';
import {BindingStore, viewOf, type SimBindingView} from './binding-store.js';
import {SimDirectory} from './directory.js';
import {FaultQueue, type SimFault} from './faults.js';
import {hold, listen, readBody, type Listening} from './loopback-server.js';
import {RateLimiter, type RateLimit} from './rate-limiter.js';
import {errorReply, writeReply, type SimReply} from './reply.js';
import type {SimRole} from './roles.js';
import {routeRequest} from './routes.js';
import {serviceDefaults} from './service-defaults.js';
import {simErrors} from './sim-errors.js';
import type {SimState} from './sim-state.js';

export type MimecastSimulatorOptions = {
  /** The accounts served; the demo fixture's one account by default. */
  readonly accounts?: readonly SimAccount[];
  readonly host?: '127.0.0.1';
  /** Bindings one user may hold; see service-defaults.ts for the default. */
  readonly maxBindingsPerUser?: number;
  /** The per-user token bucket; see service-defaults.ts for the default. */
  readonly rateLimit?: RateLimit;
  /** Allowed distance of x-mc-date from the simulator's clock; see service-defaults.ts. */
  readonly maxClockSkewMs?: number;
  /** The service's clock: it checks x-mc-date against it and stamps it on every reply. */
  readonly now?: () => Date;
  /**
   * The server certificate and the CA that signed it; by default the process's own CA (see
   * processCertificateAuthority), so simulators started together share one CA file.
   */
  readonly tls?: {readonly certificate: ServerCertificate; readonly caCertificate: string};
};

/** One request as the simulator saw it; the Authorization header is kept as its scheme only. */
export type SimRequestRecord = {
  /** `global`, or the grid code of the regional server. */
  readonly server: string;
  readonly method: string;
  readonly path: string;
  readonly status: number;
  /** e.g. `Basic-Cloud`, `MC`, or `none`. */
  readonly authorization: string;
  /** The identifying headers as received (none of them is a secret). */
  readonly appId: string | undefined;
  readonly reqId: string | undefined;
  readonly date: string | undefined;
  readonly userAgent: string | undefined;
};

export type MimecastSimulator = {
  /** The global host: discovery only (other calls are redirected to the region). */
  readonly discoveryUrl: string;
  /** Base URL per grid code; discovery's `region.api` points at these. */
  readonly regionUrls: Readonly<Record<string, string>>;
  /** The first account's regional base URL. */
  readonly regionApi: string;
  /** The CA certificate (PEM) the servers' certificate chains to; trust it to connect. */
  readonly caCertificate: string;
  /** Rotates a user's password; existing bindings keep working until they expire. */
  setPassword(email: string, password: string): void;
  setRoles(email: string, roles: readonly SimRole[]): void;
  /** Locks, disables or unlocks a user, as an administrator would. */
  setUserState(email: string, state: SimUserState): void;
  setTwoStepAuthentication(email: string, on: boolean): void;
  bindingsFor(email: string): SimBindingView[];
  /** Expires the bindings of one user, or of everyone; returns how many. */
  expireBindings(email?: string): number;
  /** Holds every reply back this long (to test cancels and timeouts). */
  setReplyDelay(ms: number): void;
  /** The next requests to `path` get these replies, one each, in order. */
  failNext(path: string, ...faults: SimFault[]): void;
  requests(): readonly SimRequestRecord[];
  /** Open TCP connections across all servers. */
  openConnections(): number;
  /** TCP connections accepted since start, per server (`global` or the grid code). */
  connectionsAccepted(): Readonly<Record<string, number>>;
  close(): Promise<void>;
};

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function authorizationScheme(request: IncomingMessage): string {
  return request.headers.authorization?.trim().split(' ')[0] || 'none';
}

function writeFault(response: ServerResponse, fault: SimFault): void {
  response.writeHead(fault.status, {
    ...fault.headers,
    'Content-Length': String(Buffer.byteLength(fault.body)),
  });
  response.end(fault.body);
}

export async function startMimecastSimulator(
  options: MimecastSimulatorOptions = {},
): Promise<MimecastSimulator> {
  const host = options.host ?? '127.0.0.1';
  const accounts = options.accounts ?? demoAccounts();
  const clock = options.now ?? (() => new Date());
  const tls = options.tls ?? (await processTls());
  const directory = new SimDirectory(accounts);
  const bindings = new BindingStore(
    options.maxBindingsPerUser ?? serviceDefaults.maxBindingsPerUser,
  );
  const faults = new FaultQueue();
  const regionUrls: Record<string, string> = {};
  const log: SimRequestRecord[] = [];
  let replyDelayMs = 0;

  const state: SimState = {
    directory,
    bindings,
    limiter: new RateLimiter(options.rateLimit ?? serviceDefaults.rateLimit),
    maxClockSkewMs: options.maxClockSkewMs ?? serviceDefaults.maxClockSkewMs,
    now: () => clock().getTime(),
    regionUrl: (region) => regionUrls[region],
  };

  const serve = (region: string | null, request: IncomingMessage, body: string | null) =>
    body === null
      ? errorReply(413, simErrors.bodyTooLarge())
      : routeRequest(
          {
            method: request.method ?? '',
            url: request.url ?? '',
            region,
            headers: request.headers,
            body,
          },
          state,
        );

  const handlerFor = (server: string, region: string | null) => {
    return (request: IncomingMessage, response: ServerResponse) => {
      // Node stamps its own clock on replies; the service's clock is the simulator's, which a
      // test may move, and clients compare it with theirs. Stamped when the reply is written.
      const stampDate = () => response.setHeader('Date', new Date(state.now()).toUTCString());
      void (async () => {
        const path = (request.url ?? '').split('?')[0] ?? '';
        let status: number;
        try {
          const body = await readBody(request);
          await hold(replyDelayMs, response);
          if (response.destroyed) return;
          stampDate();
          const fault = faults.take(path);
          if (fault !== undefined) {
            if (fault.afterRunning) serve(region, request, body);
            writeFault(response, fault);
            status = fault.status;
          } else {
            const reply: SimReply = serve(region, request, body);
            writeReply(response, reply);
            status = reply.status;
          }
        } catch {
          if (response.destroyed) return;
          stampDate();
          const reply = errorReply(500, simErrors.internal());
          writeReply(response, reply);
          status = reply.status;
        }
        log.push({
          server,
          method: request.method ?? '',
          path,
          status,
          authorization: authorizationScheme(request),
          appId: firstValue(request.headers['x-mc-app-id']),
          reqId: firstValue(request.headers['x-mc-req-id']),
          date: firstValue(request.headers['x-mc-date']),
          userAgent: request.headers['user-agent'],
        });
      })();
    };
  };

  const servers: {name: string; listening: Listening}[] = [];
  const close = async () => {
    await Promise.all(servers.map(({listening}) => listening.close()));
  };

  try {
    const global = await listen(host, tls.certificate, handlerFor('global', null));
    servers.push({name: 'global', listening: global});
    for (const region of new Set(accounts.map((account) => account.region))) {
      const listening = await listen(host, tls.certificate, handlerFor(region, region));
      servers.push({name: region, listening});
      regionUrls[region] = listening.url;
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    discoveryUrl: servers[0]?.listening.url ?? '',
    regionUrls,
    regionApi: regionUrls[accounts[0]?.region ?? ''] ?? '',
    caCertificate: tls.caCertificate,
    setPassword: (email, password) => {
      directory.requireUser(email).password = password;
    },
    setRoles: (email, roles) => {
      directory.requireUser(email).roles = roles;
    },
    setUserState: (email, userState) => {
      directory.requireUser(email).state = userState;
    },
    setTwoStepAuthentication: (email, on) => {
      directory.requireUser(email).twoStepAuthentication = on;
    },
    bindingsFor: (email) => bindings.forUser(email).map(viewOf),
    expireBindings: (email) => bindings.expire(state.now(), email),
    setReplyDelay: (ms) => {
      replyDelayMs = ms;
    },
    failNext: (path, ...queued) => faults.add(path, queued),
    requests: () => [...log],
    openConnections: () =>
      servers.reduce((count, {listening}) => count + listening.sockets.size, 0),
    connectionsAccepted: () =>
      Object.fromEntries(servers.map(({name, listening}) => [name, listening.accepted()])),
    close,
  };
}

async function processTls(): Promise<NonNullable<MimecastSimulatorOptions['tls']>> {
  const {ca, server} = await processCertificateAuthority();
  return {certificate: server, caCertificate: ca.certificatePem};
}
