import {Agent, Client, type Dispatcher, type ProxyAgent} from 'undici';

import {trackedConnector, type ConnectionProgress} from '../http/connection-progress.js';
import {endTunnels, proxyAgentFor, proxyTunnels} from '../http/proxy-agent.js';
import {chooseProxy} from '../http/proxy-choice.js';
import type {NetworkEnvironment} from '../http/network-environment.js';

export type TransportOptions = {
  /** Trusted CAs (system roots plus the CA file), or undefined for the system roots alone. */
  readonly ca: readonly string[] | undefined;
  /** The proxy setting; empty means the environment decides. */
  readonly proxySetting: string;
  readonly env: NetworkEnvironment;
  readonly connectTimeoutMs: number;
  /** How long to wait for the headers, and between chunks of the body, of one answer. */
  readonly responseTimeoutMs: number;
};

/** The connections of one validation: one per origin, kept alive, counted. */
export type Transport = {
  dispatcherFor(url: URL): Dispatcher;
  /** `host:port` of the proxy used for this URL, or null for a direct connection. */
  proxyFor(url: URL): string | null;
  /** TCP connections opened so far to the URL's origin (through a proxy or not). */
  connectionsTo(url: URL): number;
  /** How far the latest direct connection to the URL's origin got (not through a proxy). */
  progressOf(url: URL): ConnectionProgress;
  /** The bound on TCP connect plus TLS handshake, per connection. */
  readonly connectTimeoutMs: number;
  /** Closes every socket at once, whatever is in flight. */
  destroy(): Promise<void>;
  /** Ends every direct connection still being made, and the proxy's: a validation ended. */
  abandonPending(): void;
};

/**
 * One connection per origin (`connections: 1`): NTLM authenticates a connection, not a
 * request, so both of its legs must travel on the same socket. Certificates are always
 * verified; verification is asked for explicitly so Node's environment switch for it cannot
 * turn the check off.
 */
export function createTransport(options: TransportOptions): Transport {
  const connected = new Map<string, number>();
  const tls = {
    ...(options.ca === undefined ? {} : {ca: [...options.ca]}),
    rejectUnauthorized: true,
    timeout: options.connectTimeoutMs,
  };
  const common = {
    connections: 1,
    pipelining: 1,
    allowH2: false,
    keepAliveTimeout: 30_000,
    headersTimeout: options.responseTimeoutMs,
    bodyTimeout: options.responseTimeoutMs,
    factory: (origin: string | URL, clientOptions: object): Dispatcher => {
      const client = new Client(origin, clientOptions);
      const key = new URL(origin).origin;
      client.on('connect', () => connected.set(key, (connected.get(key) ?? 0) + 1));
      return client;
    },
  };

  const connector = trackedConnector({...tls, allowH2: false});
  const tunnels = proxyTunnels(options.connectTimeoutMs);
  const direct = new Agent({...common, connect: connector.connect});
  const proxied = new Map<string, ProxyAgent>();

  const choose = (url: URL) => chooseProxy(url, options.proxySetting, options.env);

  return {
    dispatcherFor(url) {
      const proxy = choose(url);
      if (proxy === null) return direct;
      let agent = proxied.get(proxy.url.href);
      if (agent === undefined) {
        agent = proxyAgentFor(proxy, {...common, requestTls: tls, proxyTls: tls}, tunnels);
        proxied.set(proxy.url.href, agent);
      }
      return agent;
    },
    proxyFor: (url) => choose(url)?.label ?? null,
    connectionsTo: (url) => connected.get(url.origin) ?? 0,
    progressOf: (url) => connector.progressOf(url),
    connectTimeoutMs: options.connectTimeoutMs,
    abandonPending: () => {
      connector.abandonPending();
      endTunnels(tunnels);
    },
    async destroy() {
      await Promise.all([direct, ...proxied.values()].map((agent) => agent.destroy()));
    },
  };
}
