import {Agent, type Dispatcher, type ProxyAgent} from 'undici';

import type {NetworkSettings} from '../settings.js';
import {trackedConnector, type ConnectionProgress} from './connection-progress.js';
import {endTunnels, proxyAgentFor, proxyTunnels} from './proxy-agent.js';
import type {NetworkEnvironment} from './network-environment.js';
import {planNetwork, type NetworkPlan} from './network-plan.js';
import {RoutingDispatcher} from './routing-dispatcher.js';
import {secureContextFor} from './secure-context.js';

export type NetworkPathOptions = {
  /** Proxy variables and NODE_EXTRA_CA_CERTS; read from `process.env` by default. */
  readonly env?: NetworkEnvironment;
  /** TCP connect plus TLS handshake; 10 s by default. */
  readonly connectTimeoutMs?: number;
};

/**
 * How this computer reaches HTTPS services: the trusted CAs, the proxy per URL, and one
 * undici dispatcher that applies both. One path serves a whole bind, so connections to the
 * same host are reused from one call to the next.
 */
export type NetworkPath = NetworkPlan & {
  readonly dispatcher: Dispatcher;
  readonly connectTimeoutMs: number;
  /** How far the latest direct connection to the URL's origin got (not through a proxy). */
  progressOf(url: URL): ConnectionProgress;
  /** Ends every direct connection still being made, and the proxy's: a request was cancelled. */
  abandonPending(): void;
  /** Lets requests in flight finish, then closes every connection. */
  close(): Promise<void>;
  /** Closes every connection at once. */
  destroy(): Promise<void>;
};

export const defaultConnectTimeoutMs = 10_000;

/**
 * Builds the network path from the site's network settings: the CA file (added to the system
 * CAs), the proxy setting, HTTPS_PROXY / NO_PROXY. Certificates are always verified:
 * verification is asked for explicitly, so Node's environment switch for it cannot turn the
 * check off. Throws an 'input' BindError naming `caFile` or `proxyUrl` when one is unusable.
 */
export async function createNetworkPath(
  network: NetworkSettings,
  signal: AbortSignal,
  options: NetworkPathOptions = {},
): Promise<NetworkPath> {
  const {ca, proxyFor} = await planNetwork(network, signal, options.env);
  const connectTimeoutMs = options.connectTimeoutMs ?? defaultConnectTimeoutMs;

  const tls = {
    ...(ca === undefined ? {} : {secureContext: secureContextFor(ca)}),
    rejectUnauthorized: true,
    timeout: connectTimeoutMs,
  };
  // One connection per host: the calls of a bind follow one another, and a second request
  // sent the moment the first one's body ends would otherwise find the connection not yet
  // released and open another.
  const perHost = {connections: 1};
  const connector = trackedConnector(tls);
  const tunnels = proxyTunnels(connectTimeoutMs);
  const direct = new Agent({...perHost, connect: connector.connect});
  const proxies = new Map<string, ProxyAgent>();

  const route = (origin: URL): Dispatcher => {
    const proxy = proxyFor(origin);
    if (proxy === null) return direct;
    let agent = proxies.get(proxy.url.href);
    if (agent === undefined) {
      agent = proxyAgentFor(proxy, {...perHost, requestTls: tls, proxyTls: tls}, tunnels);
      proxies.set(proxy.url.href, agent);
    }
    return agent;
  };
  const dispatcher = new RoutingDispatcher(route, () => [direct, ...proxies.values()]);

  return {
    dispatcher,
    ca,
    connectTimeoutMs,
    progressOf: (url) => connector.progressOf(url),
    abandonPending: () => {
      connector.abandonPending();
      endTunnels(tunnels);
    },
    proxyFor,
    close: () => dispatcher.close(),
    destroy: () => dispatcher.destroy(),
  };
}
