import {BindError, cancelledError} from '../errors.js';
import {describeCall, type CallContext} from './call-context.js';

export type TransportState = {
  /** The caller's signal fired: the user cancelled. */
  readonly cancelled: boolean;
  /** The per-request timeout fired. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
};

const tlsCode = new RegExp(
  '^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|' +
    'HOSTNAME_MISMATCH$|EPROTO$)',
);

const timeoutCodes = new Set([
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'ETIMEDOUT',
]);

function duration(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

/** Every error in the chain: the error, its causes and (for happy eyeballs) its aggregate. */
function errorChain(error: unknown, seen = new Set<unknown>()): object[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const nested = [
    (error as {cause?: unknown}).cause,
    ...((error as {errors?: unknown}).errors instanceof Array
      ? (error as {errors: unknown[]}).errors
      : []),
  ];
  return [error, ...nested.flatMap((inner) => errorChain(inner, seen))];
}

function errorCodes(error: unknown): string[] {
  return errorChain(error).flatMap((inner) => {
    const code = (inner as {code?: unknown}).code;
    return typeof code === 'string' ? [code] : [];
  });
}

/**
 * The status a proxy answered to CONNECT, or null. undici reports it only in the message text
 * ("Proxy response (403) !== 200 when HTTP Tunneling", "Proxy Authentication Required (407)"),
 * so this is the one place that reads a message.
 */
function proxyRefusalStatus(error: unknown): number | null {
  for (const inner of errorChain(error)) {
    const message = inner instanceof Error ? inner.message : '';
    const match = /^Proxy (?:response|Authentication Required) \((\d{3})\)/.exec(message);
    if (match) return Number(match[1]);
  }
  return null;
}

/**
 * A request that got no HTTP reply at all, classified: the user's cancel, a timeout, a refusal
 * by the proxy, a TLS failure, or another network failure. The messages name the host (and the
 * proxy, when one is used) and the code, never a header: the Authorization header carries the
 * password during login.
 */
export function classifyTransportError(
  error: unknown,
  context: CallContext,
  state: TransportState,
): BindError {
  if (state.cancelled) return cancelledError();
  const call = describeCall(context);
  const codes = errorCodes(error);
  const {proxy} = context;
  const through = proxy === undefined ? '' : ` through the proxy ${proxy}`;
  const firewallFix =
    proxy === undefined
      ? `Check that this server can reach ${context.host} (firewall, proxy and DNS must allow ` +
        'outbound HTTPS), then try again.'
      : `Check the proxy setting, and that the proxy ${proxy} is up and allows HTTPS to ` +
        `${context.host}.`;
  const proxySetting = proxy === undefined ? {} : {setting: 'proxyUrl'};

  if (state.timedOut || codes.some((code) => timeoutCodes.has(code))) {
    return new BindError(
      'network',
      `${call}: no answer from ${context.host}${through} within ${duration(state.timeoutMs)}.`,
      firewallFix,
      {cause: error, ...proxySetting},
    );
  }

  const refusedBy = proxy === undefined ? null : proxyRefusalStatus(error);
  if (refusedBy !== null) {
    const why =
      refusedBy === 407
        ? 'asks for a user name and password'
        : `refused to open a tunnel to ${context.host} (HTTP ${refusedBy})`;
    return new BindError(
      'network',
      `${call}: the proxy ${proxy} ${why}.`,
      refusedBy === 407
        ? 'Let this server through the proxy without authentication, or put the proxy with ' +
            'its user name and password in the HTTPS_PROXY environment variable.'
        : `Ask the proxy's administrators to allow HTTPS (CONNECT) to ${context.host}.`,
      {cause: error, setting: 'proxyUrl'},
    );
  }

  const tls = codes.find((code) => tlsCode.test(code));
  if (tls !== undefined) {
    return new BindError(
      'tls',
      `${call}: the secure connection to ${context.host}${through} failed (${tls}).`,
      'If a proxy inspects HTTPS, add its CA certificate as the CA file in the network ' +
        "settings. Check this computer's clock, and that TLS 1.2 or later is allowed.",
      {cause: error, setting: 'caFile'},
    );
  }

  const code = codes[0] ?? 'no error code';
  const peer = proxy === undefined ? context.host : `the proxy ${proxy}`;
  const what = codes.includes('ECONNREFUSED')
    ? `${peer} refused the connection`
    : codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')
      ? `the host name of ${peer} could not be resolved`
      : codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET')
        ? `the connection to ${context.host}${through} was closed before a reply`
        : `${context.host} could not be reached${through}`;
  return new BindError('network', `${call}: ${what} (${code}).`, firewallFix, {
    cause: error,
    ...(proxy === undefined ? {setting: 'discoveryUrl'} : proxySetting),
  });
}
