import type {IncomingMessage, ServerResponse} from 'node:http';
import {demoAccounts, type SimAccount} from './accounts.js';
import {BindingStore, viewOf, type SimBindingView} from './binding-store.js';
import {SimDirectory} from './directory.js';
import {RateLimiter, type RateLimit} from './rate-limiter.js';
import {hold, listen, readBody, type Listening} from './loopback-http.js';
import {errorReply, writeReply, type SimReply} from './reply.js';
import {routeRequest} from './routes.js';
import {simErrors} from './sim-errors.js';
import type {SimState} from './sim-state.js';

export type MimecastSimulatorOptions = {
  /** The accounts served; the demo fixture's one account by default. */
  readonly accounts?: readonly SimAccount[];
  readonly host?: '127.0.0.1';
  /** Bindings one user may hold; 10 by default (the real cap is not published). */
  readonly maxBindingsPerUser?: number;
  readonly rateLimit?: RateLimit;
  /** Allowed distance of x-mc-date from the simulator's clock; 15 minutes by default. */
  readonly maxClockSkewMs?: number;
  readonly now?: () => Date;
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
  /** Rotates a user's password; existing bindings keep working until they expire. */
  setPassword(email: string, password: string): void;
  setRoles(email: string, roles: readonly string[]): void;
  bindingsFor(email: string): SimBindingView[];
  /** Expires the bindings of one user, or of everyone; returns how many. */
  expireBindings(email?: string): number;
  /** Holds every reply back this long (to test cancels and timeouts). */
  setReplyDelay(ms: number): void;
  requests(): readonly SimRequestRecord[];
  /** Open TCP connections across all servers. */
  openConnections(): number;
  close(): Promise<void>;
};

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function authorizationScheme(request: IncomingMessage): string {
  return request.headers.authorization?.trim().split(' ')[0] || 'none';
}

export async function startMimecastSimulator(
  options: MimecastSimulatorOptions = {},
): Promise<MimecastSimulator> {
  const host = options.host ?? '127.0.0.1';
  const accounts = options.accounts ?? demoAccounts();
  const clock = options.now ?? (() => new Date());
  const directory = new SimDirectory(accounts);
  const bindings = new BindingStore(options.maxBindingsPerUser ?? 10);
  const regionUrls: Record<string, string> = {};
  const log: SimRequestRecord[] = [];
  let replyDelayMs = 0;

  const state: SimState = {
    directory,
    bindings,
    limiter: new RateLimiter(options.rateLimit ?? {limit: 300, resetMs: 200}),
    maxClockSkewMs: options.maxClockSkewMs ?? 15 * 60_000,
    now: () => clock().getTime(),
    regionUrl: (region) => regionUrls[region],
  };

  const handlerFor = (server: string, region: string | null) => {
    return (request: IncomingMessage, response: ServerResponse) => {
      void (async () => {
        let reply: SimReply;
        try {
          const body = await readBody(request);
          await hold(replyDelayMs, response);
          if (response.destroyed) return;
          reply =
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
        } catch {
          if (response.destroyed) return;
          reply = errorReply(500, simErrors.internal());
        }
        writeReply(response, reply);
        log.push({
          server,
          method: request.method ?? '',
          path: (request.url ?? '').split('?')[0] ?? '',
          status: reply.status,
          authorization: authorizationScheme(request),
          appId: firstValue(request.headers['x-mc-app-id']),
          reqId: firstValue(request.headers['x-mc-req-id']),
          date: firstValue(request.headers['x-mc-date']),
          userAgent: request.headers['user-agent'],
        });
      })();
    };
  };

  const servers: Listening[] = [];
  const close = async () => {
    await Promise.all(
      servers.map(
        ({server}) =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeAllConnections();
          }),
      ),
    );
  };

  try {
    servers.push(await listen(host, handlerFor('global', null)));
    for (const region of new Set(accounts.map((account) => account.region))) {
      const listening = await listen(host, handlerFor(region, region));
      servers.push(listening);
      regionUrls[region] = listening.url;
    }
  } catch (error) {
    await close();
    throw error;
  }

  return {
    discoveryUrl: servers[0]?.url ?? '',
    regionUrls,
    regionApi: regionUrls[accounts[0]?.region ?? ''] ?? '',
    setPassword: (email, password) => {
      directory.requireUser(email).password = password;
    },
    setRoles: (email, roles) => {
      directory.requireUser(email).roles = roles;
    },
    bindingsFor: (email) => bindings.forUser(email).map(viewOf),
    expireBindings: (email) => bindings.expire(state.now(), email),
    setReplyDelay: (ms) => {
      replyDelayMs = ms;
    },
    requests: () => [...log],
    openConnections: () => servers.reduce((count, {sockets}) => count + sockets.size, 0),
    close,
  };
}
