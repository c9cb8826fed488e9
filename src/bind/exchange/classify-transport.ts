import {BindError} from '../errors.js';
import type {ConnectionProgress} from '../http/connection-progress.js';
import {errorCodes} from '../http/error-chain.js';
import {answeredWithoutTls} from '../http/tls-mismatch.js';
import {describeError} from './error-code.js';

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

/** What the transport saw of the connection that failed. */
export type ConnectionSeen = {
  /** How far the latest direct connection to the target got. */
  readonly progress: ConnectionProgress;
  /** The bound on TCP connect plus TLS handshake. */
  readonly connectTimeoutMs: number;
};

const unknownProgress: ConnectionSeen = {progress: 'not-tried', connectTimeoutMs: 10_000};

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

const unresolvedCodes = new Set(['ENOTFOUND', 'EAI_AGAIN']);
const closedCodes = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CLOSED']);

// OpenSSL's verification results that mean "issued by a CA this computer does not trust".
const untrustedCodes = new Set([
  'CERT_UNTRUSTED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);
const outOfDateCodes = new Set(['CERT_HAS_EXPIRED', 'CERT_NOT_YET_VALID']);

// undici reports a refused CONNECT only in its message: `Proxy response (407) !== 200 ...`.
const tunnelRefused = /Proxy response \((\d{3})\)/;

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function portOf(url: URL): string {
  return url.port || (url.protocol === 'https:' ? '443' : '80');
}

/**
 * A request that got no HTTP answer, classified by what actually happened on the wire: a port
 * that does not speak TLS, a certificate problem, a proxy's refusal, a name that does not
 * resolve, a connection refused, dropped or accepted and then left silent.
 */
export function classifyTransportError(
  target: TransportTarget,
  error: unknown,
  seen: ConnectionSeen = unknownProgress,
): BindError {
  const codes = errorCodes(error);
  const code = codes[0];
  const has = (wanted: ReadonlySet<string>) => codes.find((inner) => wanted.has(inner));

  const notTls = answeredWithoutTls(error);
  if (notTls !== null) return notSpeakingTls(target, notTls, error);

  const tls = tlsFailure(target, codes, error);
  if (tls !== null) return tls;

  const proxied = proxyFailure(target, codes, error);
  if (proxied !== null) return proxied;

  const {host, hostname} = target.url;
  const make = (message: string, fix: string) =>
    new BindError('network', message, fix, {cause: error, setting: target.setting});

  const unresolved = has(unresolvedCodes);
  if (unresolved !== undefined) {
    return make(
      `The ${target.service} host ${hostname} cannot be found (${unresolved}).`,
      'Check the host name in the URL and the DNS settings of this server.',
    );
  }
  if (codes.includes('UND_ERR_CONNECT_TIMEOUT')) {
    return silentServer(target, seen.progress, seen.connectTimeoutMs, error);
  }
  const closed = has(closedCodes);
  if (closed !== undefined) return closedWithoutAnswer(target, seen.progress, closed, error);

  const reason = code !== undefined && networkCodes.has(code) ? code : describeError(error);
  return make(
    `Cannot reach ${target.service} at ${host} (${reason}).`,
    'Check the URL, that the server is running, and that a firewall allows this connection.',
  );
}

/**
 * The whole validation ran out of time: what the connection had reached by then says whether
 * nothing answered at all, or a server took the connection and stayed silent.
 */
export function timeoutError(
  target: TransportTarget,
  timeoutMs: number,
  progress?: ConnectionProgress,
): BindError {
  if (target.proxy === null && progress !== undefined) {
    return silentServer(target, progress, timeoutMs, undefined);
  }
  const through = target.proxy === null ? '' : ` through the proxy ${target.proxy}`;
  return new BindError(
    'network',
    `${target.service} at ${target.url.host}${through} did not answer within ` +
      `${seconds(timeoutMs)}.`,
    'Check that the server is running and reachable from here, then run the bind again.',
    {setting: target.setting},
  );
}

function notSpeakingTls(target: TransportTarget, code: string, error: unknown): BindError {
  const {host} = target.url;
  const port = portOf(target.url);
  if (target.proxy !== null) {
    return new BindError(
      'tls',
      `No TLS answer on the way to ${target.service} at ${host} through the proxy ` +
        `${target.proxy} (${code}): ${host} (or the proxy, if given as https://) does not ` +
        `speak TLS on that port.`,
      `Check the scheme and port of the URL (https:// is usually port 443), and that the proxy ` +
        'is given as http:// unless it really takes TLS.',
      {cause: error, setting: target.setting},
    );
  }
  return new BindError(
    'tls',
    `${target.service} at ${target.url.hostname} does not speak TLS on port ${port}: it ` +
      `answered the TLS ` +
      `handshake in plain text (${code}).`,
    `The URL says https://, but port ${port} serves plain HTTP or another protocol. Check the ` +
      'scheme and the port in the URL (https:// is usually port 443).',
    {cause: error, setting: target.setting},
  );
}

function tlsFailure(target: TransportTarget, codes: string[], error: unknown): BindError | null {
  const {host, hostname} = target.url;
  const untrusted = codes.find((code) => untrustedCodes.has(code) || code === 'UND_ERR_PRX_TLS');
  if (untrusted !== undefined) {
    return new BindError(
      'tls',
      `The TLS certificate of ${host} is not trusted (${untrusted}).`,
      'Give the CA file that issued the certificate. Certificate checks are never switched off.',
      {cause: error, setting: 'caFile'},
    );
  }
  if (codes.includes('ERR_TLS_CERT_ALTNAME_INVALID')) {
    return new BindError(
      'tls',
      `The TLS certificate of ${host} is not issued for ${hostname} ` +
        '(ERR_TLS_CERT_ALTNAME_INVALID).',
      'Use the host name the certificate names (usually the full DNS name) in the URL.',
      {cause: error, setting: target.setting},
    );
  }
  const outOfDate = codes.find((code) => outOfDateCodes.has(code));
  if (outOfDate !== undefined) {
    return new BindError(
      'tls',
      `The TLS certificate of ${host} is outside its validity dates (${outOfDate}).`,
      "Renew the server's certificate, or check this computer's clock.",
      {cause: error},
    );
  }
  const other = codes.find((code) => /^ERR_(TLS|SSL)_|^EPROTO$/.test(code));
  if (other !== undefined) {
    return new BindError(
      'tls',
      `The TLS handshake with ${host} failed (${other}).`,
      'Check that the server offers TLS 1.2 or later, and that nothing in between inspects ' +
        'or blocks TLS.',
      {cause: error, setting: target.setting},
    );
  }
  return null;
}

function proxyFailure(target: TransportTarget, codes: string[], error: unknown): BindError | null {
  if (target.proxy === null) return null;
  const {host} = target.url;
  const refusedBy = tunnelRefused.exec(describeError(error))?.[1];
  if (refusedBy !== undefined) {
    return new BindError(
      'network',
      `The proxy ${target.proxy} refused to connect to ${host} (HTTP ${refusedBy}).`,
      refusedBy === '407'
        ? 'Give the proxy with its user and password in HTTPS_PROXY, or let this server through.'
        : `Allow connections to ${host} on the proxy, or set NO_PROXY for it.`,
      {cause: error, setting: 'proxyUrl'},
    );
  }
  // The tunnel's answer is bounded by the connect timeout (proxy-agent.ts), well inside the
  // validation's deadline, which is read before this: a headers timeout here is the proxy's.
  if (codes.includes('UND_ERR_HEADERS_TIMEOUT')) {
    return new BindError(
      'network',
      `The proxy ${target.proxy} did not answer the request for a tunnel (CONNECT) to ${host} ` +
        'in time.',
      'Check that the proxy runs and answers, and the proxy URL (or HTTPS_PROXY).',
      {cause: error, setting: 'proxyUrl'},
    );
  }
  // undici checks a proxy address again when it is used; a refusal is the proxy's fault.
  if (codes.includes('UND_ERR_INVALID_ARG')) {
    return new BindError(
      'input',
      `The proxy ${target.proxy} is not a usable proxy address (${describeError(error)}).`,
      'Enter the proxy as http://host:port, or leave the setting empty for a direct connection.',
      {cause: error, setting: 'proxyUrl'},
    );
  }
  const code = codes.find((inner) => networkCodes.has(inner));
  if (code !== undefined) {
    return new BindError(
      'network',
      `Cannot reach ${target.service} at ${host} through the proxy ${target.proxy} (${code}).`,
      'Check the proxy URL (or HTTPS_PROXY), that the proxy runs, and that it allows this host.',
      {cause: error, setting: 'proxyUrl'},
    );
  }
  return null;
}

/** A connection that did not complete in time, told by how far it got. */
function silentServer(
  target: TransportTarget,
  progress: ConnectionProgress,
  waitedMs: number,
  error: unknown,
): BindError {
  const {host} = target.url;
  const port = portOf(target.url);
  const within = seconds(waitedMs);
  const options = {cause: error, setting: target.setting};
  if (progress === 'not-tried' || progress === 'connecting') {
    return new BindError(
      'network',
      `${target.service} at ${host} did not accept a TCP connection within ${within}: a ` +
        'firewall probably drops the traffic, or the host is down.',
      'Check the host and port in the URL, and that firewalls between here and the server ' +
        'allow the connection.',
      options,
    );
  }
  // Every URL spoken to is https: a connection that got no further than TCP is in its handshake.
  if (progress === 'tcp-connected') {
    return new BindError(
      'network',
      `${target.service} at ${host} accepted the connection but did not complete the TLS ` +
        `handshake within ${within}.`,
      `Check that port ${port} serves HTTPS for ${target.service} (a port of another service ` +
        'can accept a connection and then say nothing), and that nothing in between holds ' +
        'TLS traffic back.',
      options,
    );
  }
  return new BindError(
    'network',
    `${target.service} at ${host} accepted the connection but did not answer within ${within}.`,
    `Check that port ${port} belongs to ${target.service} and that the server is not ` +
      'overloaded, then run the bind again.',
    options,
  );
}

/** The server hung up without an HTTP answer. */
function closedWithoutAnswer(
  target: TransportTarget,
  progress: ConnectionProgress,
  code: string,
  error: unknown,
): BindError {
  const {host} = target.url;
  const options = {cause: error, setting: target.setting};
  if (progress === 'tcp-connected') {
    return new BindError(
      'network',
      `${target.service} at ${host} closed the connection during the TLS handshake (${code}).`,
      `Check that port ${portOf(target.url)} serves HTTPS, and that the server accepts TLS 1.2 ` +
        'or later.',
      options,
    );
  }
  return new BindError(
    'network',
    `${target.service} at ${host} closed the connection before answering (${code}).`,
    'Check that the server is running and healthy; a load balancer or firewall that cuts ' +
      'connections does this too.',
    options,
  );
}
