import {BindError} from '../errors.js';
import {describeError, errorCode} from './error-code.js';

/** Who a connection was for, so a transport failure names the right host and setting. */
export type TransportTarget = {
  readonly url: URL;
  /** E.g. `Exchange`, `Entra ID`, `Autodiscover`. */
  readonly service: string;
  /** The form field that holds the URL. */
  readonly setting: string;
  /** `host:port` of the proxy in use, or null. */
  readonly proxy: string | null;
};

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

// OpenSSL's certificate verification results as Node reports them, and Node's own TLS codes.
const tlsCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UND_ERR_PRX_TLS',
]);

// undici reports a refused CONNECT only in its message: `Proxy response (407) !== 200 …`.
const tunnelRefused = /Proxy response \((\d{3})\)/;

export function classifyTransportError(target: TransportTarget, error: unknown): BindError {
  const code = errorCode(error);
  const {host, hostname} = target.url;

  if (code !== undefined && (tlsCodes.has(code) || /^ERR_(TLS|SSL)_/.test(code))) {
    return new BindError(
      'tls',
      `The TLS certificate of ${host} is not trusted (${code}).`,
      'Give the CA file that issued the certificate, and use the host name the certificate ' +
        'names. Certificate checks are never switched off.',
      {cause: error, setting: 'caFile'},
    );
  }

  const refusedBy = tunnelRefused.exec(describeError(error))?.[1];
  if (target.proxy !== null && refusedBy !== undefined) {
    return new BindError(
      'network',
      `The proxy ${target.proxy} refused to connect to ${host} (HTTP ${refusedBy}).`,
      refusedBy === '407'
        ? 'Give the proxy with its user and password in HTTPS_PROXY, or let this server through.'
        : `Allow connections to ${host} on the proxy, or set NO_PROXY for it.`,
      {cause: error, setting: 'proxyUrl'},
    );
  }
  if (target.proxy !== null && code !== undefined && networkCodes.has(code)) {
    return new BindError(
      'network',
      `Cannot reach ${target.service} at ${host} through the proxy ${target.proxy} (${code}).`,
      'Check the proxy URL (or HTTPS_PROXY), that the proxy runs, and that it allows this host.',
      {cause: error, setting: 'proxyUrl'},
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new BindError(
      'network',
      `The ${target.service} host ${hostname} cannot be found (${code}).`,
      'Check the host name in the URL and the DNS settings of this server.',
      {cause: error, setting: target.setting},
    );
  }
  const reason = code !== undefined && networkCodes.has(code) ? code : describeError(error);
  return new BindError(
    'network',
    `Cannot reach ${target.service} at ${host} (${reason}).`,
    'Check the URL, that the server is running, and that a firewall allows this connection.',
    {cause: error, setting: target.setting},
  );
}

export function timeoutError(target: TransportTarget, timeoutMs: number): BindError {
  return new BindError(
    'network',
    `${target.service} at ${target.url.host} did not answer within ` +
      `${Math.round(timeoutMs / 1000)} s.`,
    'Check that the server is running and reachable from here, then run the bind again.',
    {setting: target.setting},
  );
}
