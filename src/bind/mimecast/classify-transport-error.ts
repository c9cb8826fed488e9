import {BindError, cancelledError} from '../errors.js';
import type {ConnectionProgress} from '../http/connection-progress.js';
import {errorChain, errorCodes} from '../http/error-chain.js';
import {answeredWithoutTls} from '../http/tls-mismatch.js';
import {describeCall, type CallContext} from './call-context.js';

export type TransportState = {
  /** The caller's signal fired: the user cancelled. */
  readonly cancelled: boolean;
  /** The per-request timeout fired. */
  readonly timedOut: boolean;
  readonly timeoutMs: number;
  /** How far the direct connection to the host got; unknown when not given. */
  readonly progress?: ConnectionProgress;
  /** The bound on TCP connect plus TLS handshake, which undici enforces on its own. */
  readonly connectTimeoutMs?: number;
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
  // Classified already where it arose (an unusable proxy address).
  if (error instanceof BindError) return error;
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

  // undici's own connect limit is shorter than the request's: say the time that ran out.
  const connectTimedOut = !state.timedOut && codes.includes('UND_ERR_CONNECT_TIMEOUT');
  const waited = duration(
    connectTimedOut ? (state.connectTimeoutMs ?? state.timeoutMs) : state.timeoutMs,
  );
  const timedOut = state.timedOut || codes.some((code) => timeoutCodes.has(code));
  const silent =
    timedOut && proxy === undefined && state.progress !== undefined
      ? silentHost(call, context.host, state.progress, waited)
      : null;
  if (silent !== null) {
    return new BindError('network', silent.message, silent.fix, {
      cause: error,
      ...(silent.setting === undefined ? {} : {setting: silent.setting}),
    });
  }
  if (timedOut) {
    return new BindError(
      'network',
      `${call}: no answer from ${context.host}${through} within ${waited}.`,
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

  const plain = answeredWithoutTls(error);
  if (plain !== null) {
    const peer = proxy === undefined ? context.host : `${context.host} (or the proxy ${proxy})`;
    return new BindError(
      'tls',
      `${call}: ${peer} does not speak TLS on that port: it answered the TLS handshake in ` +
        `plain text (${plain}).`,
      proxy === undefined
        ? "Check the discovery URL: it must be the https:// address of Mimecast's API on its " +
            'TLS port, such as https://api.mimecast.com.'
        : 'Give the proxy as http:// unless it really takes TLS, and check the discovery URL.',
      {cause: error, setting: proxy === undefined ? 'discoveryUrl' : 'proxyUrl'},
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

/**
 * A direct connection that ran out of time before it was secured, told by how far it got:
 * never connected (a firewall that drops), or connected and silent in the TLS handshake. Null
 * when that is not known, or when the server went silent after the handshake.
 */
function silentHost(
  call: string,
  host: string,
  progress: ConnectionProgress,
  waited: string,
): {message: string; fix: string; setting?: string} | null {
  switch (progress) {
    case 'connecting':
      return {
        message:
          `${call}: no TCP connection to ${host} within ${waited}: a firewall probably drops ` +
          'the traffic.',
        fix:
          `Allow outbound HTTPS (TCP 443) to ${host} on the firewall, or set the proxy this ` +
          'network requires in the network settings.',
      };
    case 'tcp-connected':
      return {
        message:
          `${call}: ${host} accepted the connection but did not complete the TLS handshake ` +
          `within ${waited}.`,
        fix:
          'Check that nothing between this server and Mimecast holds HTTPS back (a firewall ' +
          'or proxy that inspects TLS), and that the discovery URL names the TLS port.',
        setting: 'discoveryUrl',
      };
    case 'not-tried':
    case 'secured':
      return null;
    default: {
      const unknown: never = progress;
      return unknown;
    }
  }
}
