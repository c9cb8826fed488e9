import {ProxyAgent} from 'undici';

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
    return new ProxyAgent({...options, uri: proxy.url.href});
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
