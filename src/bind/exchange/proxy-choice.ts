import {BindError} from '../errors.js';

export type ProxyEnvironment = Readonly<Record<string, string | undefined>>;

/** The proxy for one URL, or null for a direct connection. */
export type ProxyChoice = {
  readonly url: URL;
  /** `host:port`, the only part a message may show (the URL may hold a proxy password). */
  readonly label: string;
  /** Where the proxy came from, for messages: the setting or an environment variable. */
  readonly source: string;
} | null;

/**
 * The site's proxy setting wins; without one, HTTPS_PROXY (HTTP_PROXY for http URLs) applies.
 * NO_PROXY applies either way, as it does for the Mimecast traffic, and as curl reads it.
 */
export function chooseProxy(target: URL, setting: string, env: ProxyEnvironment): ProxyChoice {
  if (bypassed(target, env.no_proxy ?? env.NO_PROXY ?? '')) return null;
  if (setting.trim() !== '') return parseProxy(setting.trim(), 'the proxy setting');

  const names = target.protocol === 'https:' ? ['https_proxy', 'HTTPS_PROXY'] : [];
  names.push('http_proxy', 'HTTP_PROXY');
  const name = names.find((candidate) => (env[candidate] ?? '').trim() !== '');
  if (name === undefined) return null;
  return parseProxy((env[name] ?? '').trim(), name);
}

/** Checks a proxy setting before any connection; null when it is empty. */
export function parseProxySetting(setting: string): ProxyChoice {
  return setting.trim() === '' ? null : parseProxy(setting.trim(), 'the proxy setting');
}

function parseProxy(value: string, source: string): NonNullable<ProxyChoice> {
  let url: URL;
  try {
    // A bare `host:port`, as many environments set it, means an HTTP proxy.
    url = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(value) ? value : `http://${value}`);
  } catch {
    throw invalidProxy(source);
  }
  if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.hostname === '') {
    throw invalidProxy(source);
  }
  // The site settings are kept unencrypted and shown on screen: no proxy password in them.
  // Limitation: a proxy that asks for a password works only through HTTPS_PROXY.
  if (source === 'the proxy setting' && (url.username !== '' || url.password !== '')) {
    throw new BindError(
      'input',
      'The proxy setting must not contain a user name or password.',
      'Enter the proxy as http://host:port; a proxy that needs a password goes in HTTPS_PROXY.',
      {setting: 'proxyUrl'},
    );
  }
  const port = url.port || (url.protocol === 'https:' ? '443' : '80');
  return {url, label: `${url.hostname}:${port}`, source};
}

function invalidProxy(source: string): BindError {
  return new BindError(
    'input',
    `The proxy in ${source} is not an http:// or https:// URL.`,
    'Enter the proxy as http://host:port.',
    {setting: 'proxyUrl'},
  );
}

// Limitation: NO_PROXY entries are host names, domain suffixes and exact addresses; CIDR
// ranges (10.0.0.0/8) are not matched.
function bypassed(target: URL, noProxy: string): boolean {
  const host = target.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const port = target.port || (target.protocol === 'https:' ? '443' : '80');

  return noProxy
    .split(/[\s,]+/)
    .filter((entry) => entry !== '')
    .some((raw) => {
      if (raw === '*') return true;
      const [, name = '', entryPort] = /^(.*?)(?::(\d+))?$/.exec(raw.toLowerCase()) ?? [];
      if (entryPort !== undefined && entryPort !== port) return false;
      const domain = name.replace(/^\*?\./, '').replace(/^\[|\]$/g, '');
      return host === domain || host.endsWith(`.${domain}`);
    });
}
