import {isIP} from 'node:net';
import {Pool, ProxyAgent, type buildConnector} from 'undici';

import {BindError} from '../errors.js';
import type {ProxyRoute} from './proxy-choice.js';

/**
 * A ProxyAgent for the route. undici checks the proxy address again, more strictly than a URL
 * parser; what it refuses is a problem of the proxy setting (or variable), and is said so here
 * rather than surfacing later as an unreachable service.
 */
export function proxyAgentFor(
  proxy: ProxyRoute,
  options: Omit<ProxyAgent.Options, 'uri'>,
): ProxyAgent {
  try {
    return new ProxyAgent({...options, uri: proxy.url.href, clientFactory: proxyPool});
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
function proxyPool(origin: URL, options: object): Pool {
  const {connect} = options as {connect: buildConnector.connector};
  const withoutAddressName: buildConnector.connector = (target, callback) => {
    const {servername} = target;
    const named = servername === undefined || isIP(servername) === 0;
    return connect(named ? target : {...target, servername: undefined}, callback);
  };
  return new Pool(origin, {...options, connect: withoutAddressName});
}
