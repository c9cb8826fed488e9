import {isIP, type Socket} from 'node:net';
import {Pool, ProxyAgent, type buildConnector} from 'undici';

import {BindError} from '../errors.js';
import type {ProxyRoute} from './proxy-choice.js';

/** How the connections to a proxy are bounded and ended. */
export type ProxyTunnels = {
  /**
   * How long the proxy may take to answer a tunnel request (CONNECT). undici gives the proxy
   * its default of five minutes, so a proxy that accepts the connection and says nothing held
   * a bind that long; the connect timeout is the bound a direct connection has.
   */
  readonly answerTimeoutMs: number;
  /** Every open connection to the proxy, so a cancel can end the tunnels still being made. */
  readonly sockets: Set<Socket>;
};

/** Tunnels bounded by `answerTimeoutMs`, with no connection yet. */
export function proxyTunnels(answerTimeoutMs: number): ProxyTunnels {
  return {answerTimeoutMs, sockets: new Set()};
}

/** Ends every connection to the proxy: a cancel must not wait for a tunnel to be answered. */
export function endTunnels(tunnels: ProxyTunnels): void {
  for (const socket of tunnels.sockets) socket.destroy(new Error('the request was cancelled'));
  tunnels.sockets.clear();
}

/**
 * A ProxyAgent for the route. undici checks the proxy address again, more strictly than a URL
 * parser; what it refuses is a problem of the proxy setting (or variable), and is said so here
 * rather than surfacing later as an unreachable service.
 */
export function proxyAgentFor(
  proxy: ProxyRoute,
  options: Omit<ProxyAgent.Options, 'uri'>,
  tunnels: ProxyTunnels,
): ProxyAgent {
  try {
    return new ProxyAgent({
      ...options,
      uri: proxy.url.href,
      clientFactory: (origin, clientOptions) => proxyPool(origin, clientOptions, tunnels),
    });
  } catch (error) {
    const fromSetting = proxy.source === 'the proxy setting';
    throw new BindError(
      'input',
      `The proxy in ${proxy.source} (${proxy.label}) is not a usable proxy address.`,
      fromSetting
        ? 'Enter the proxy as http://host:port, or leave the setting empty for a direct ' +
            'connection.'
        : `Correct or unset the ${proxy.source} environment variable.`,
      {cause: error, ...(fromSetting ? {setting: 'proxyUrl'} : {})},
    );
  }
}

/**
 * The connections to the proxy itself, as undici makes them, except for the SNI name: undici
 * gives the proxy's host as the name even when it is an IP address, which Node refuses with a
 * warning (RFC 6066 allows names only). Without it, an address is sent no SNI at all; the
 * certificate is still checked against the address.
 */
function proxyPool(origin: URL, options: object, tunnels: ProxyTunnels): Pool {
  const {connect} = options as {connect: buildConnector.connector};
  const withoutAddressName: buildConnector.connector = (target, callback) => {
    const {servername} = target;
    const named = servername === undefined || isIP(servername) === 0;
    // undici's connector returns the socket it opens, although its type says void.
    const socket = (connect as (...args: Parameters<buildConnector.connector>) => unknown)(
      named ? target : {...target, servername: undefined},
      callback,
    ) as Socket | undefined;
    if (socket) {
      tunnels.sockets.add(socket);
      socket.once('close', () => tunnels.sockets.delete(socket));
    }
    return socket;
  };
  return new Pool(origin, {
    ...options,
    connect: withoutAddressName,
    headersTimeout: tunnels.answerTimeoutMs,
  });
}
