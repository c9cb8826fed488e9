import {BindError} from '../errors.js';
import type {NetworkEnvironment} from './network-environment.js';
import {bypassesProxy} from './no-proxy.js';

/** The proxy for one URL. */
export type ProxyRoute = {
  readonly url: URL;
  /** `host:port`: all a message may show (an environment proxy URL may hold a password). */
  readonly label: string;
  /** Where it was set, for messages: "the proxy setting" or "HTTPS_PROXY". */
  readonly source: 'the proxy setting' | 'HTTPS_PROXY' | 'HTTP_PROXY';
};

/** A path as typed on Windows or Unix: a drive letter, a UNC share, /, ./, ../ or ~/. */
const filePath = /^(?:[a-z]:(?:[\\/]|$)|\\\\|\/|\.\.?[\\/]|~[\\/]?)/i;

/**
 * Names that end like the files people paste by mistake (a CA file, a PAC script). None of
 * these endings is a top-level domain, so no real proxy host is refused.
 */
const fileLike = /\.(pem|crt|cer|der|p7b|pfx|p12|pac|txt|json|xml)$/i;

/**
 * Reads a proxy address: `http://host:port` or `https://host:port`; a bare `host:port`, as
 * many environments write it, means http://.
 */
function parseProxy(text: string, source: ProxyRoute['source']): ProxyRoute {
  const fromSetting = source === 'the proxy setting';
  const refuse = (why: string) =>
    new BindError(
      'input',
      `The proxy in ${source} ${why}`,
      fromSetting
        ? 'Enter the proxy as http://host:port, or leave the setting empty for a direct ' +
            'connection (HTTPS_PROXY still applies).'
        : `Correct or unset the ${source} environment variable, or enter the proxy in the ` +
            'site settings.',
      fromSetting ? {setting: 'proxyUrl'} : {},
    );
  // A URL parser reads a Windows path (C:\certs\proxy.pem) or a fragment as an address;
  // neither ever names a proxy.
  if (filePath.test(text)) throw refuse('looks like a file path, not the address of a proxy.');
  if (/[\\#?\s]/.test(text)) {
    throw refuse('must be a host and port only, such as http://proxy.example:8080.');
  }
  const bare = !/^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  let url: URL;
  try {
    url = new URL(bare ? `http://${text}` : text);
  } catch {
    throw refuse('is not a valid address.');
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw refuse('must be an http:// or https:// address of a proxy.');
  }
  if (url.pathname !== '/' || url.search !== '' || url.hash !== '') {
    throw refuse('must be a host and port only, without a path.');
  }
  if (fileLike.test(url.hostname)) {
    throw refuse(`looks like a file name (${url.hostname}), not the address of a proxy.`);
  }
  if (url.port === '0') throw refuse('has port 0; give the port the proxy listens on.');
  // A word alone (a name typed in the wrong field) is no proxy address; a bare one needs its
  // port, which no proxy leaves at http's 80 by convention.
  if (bare && url.port === '') {
    throw refuse('needs its port, such as proxy.example:8080 (or give http://host).');
  }
  // Settings are stored unencrypted beside the binding and shown on screen, so a proxy
  // password has no place in them.
  // Limitation: a proxy that asks for a password works only through HTTPS_PROXY.
  if (fromSetting && (url.username !== '' || url.password !== '')) {
    throw refuse('must not contain a user name or password.');
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return {url, label: `${url.hostname}:${port}`, source};
}

/** Checks the proxy setting on its own (empty means none), before any connection. */
export function parseProxySetting(setting: string): ProxyRoute | null {
  return setting.trim() === '' ? null : parseProxy(setting.trim(), 'the proxy setting');
}

/**
 * The proxy for a URL, or null for a direct connection. The setting wins over HTTPS_PROXY
 * (HTTP_PROXY for an http:// URL); NO_PROXY applies to both, as in curl.
 */
export function chooseProxy(
  target: URL,
  setting: string,
  env: NetworkEnvironment,
): ProxyRoute | null {
  const configured = parseProxySetting(setting);
  const secure = target.protocol === 'https:';
  const [variable, name] = secure
    ? [env.httpsProxy, 'HTTPS_PROXY' as const]
    : [env.httpProxy, 'HTTP_PROXY' as const];
  const route = configured ?? (variable === '' ? null : parseProxy(variable, name));
  if (route === null || bypassesProxy(target, env.noProxy)) return null;
  return route;
}
