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

/** Every `code` in an error, its causes and (for a happy-eyeballs failure) its aggregate. */
function errorCodes(error: unknown, seen = new Set<unknown>()): string[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const own = (error as {code?: unknown}).code;
  const codes = typeof own === 'string' ? [own] : [];
  const nested = [
    (error as {cause?: unknown}).cause,
    ...((error as {errors?: unknown}).errors instanceof Array
      ? (error as {errors: unknown[]}).errors
      : []),
  ];
  return [...codes, ...nested.flatMap((inner) => errorCodes(inner, seen))];
}

/**
 * A request that got no HTTP reply at all, classified: the user's cancel, a timeout, a TLS
 * failure, or another network failure. The messages name the host and the code, never a
 * header (the Authorization header carries the password during login).
 */
export function classifyTransportError(
  error: unknown,
  context: CallContext,
  state: TransportState,
): BindError {
  if (state.cancelled) return cancelledError();
  const call = describeCall(context);
  const codes = errorCodes(error);
  const firewallFix =
    `Check that this server can reach ${context.host} (firewall, proxy and DNS must allow ` +
    'outbound HTTPS), then try again.';

  if (state.timedOut || codes.some((code) => timeoutCodes.has(code))) {
    return new BindError(
      'network',
      `${call}: no answer from ${context.host} within ${Math.round(state.timeoutMs / 1000)} s.`,
      firewallFix,
      {cause: error},
    );
  }

  const tls = codes.find((code) => tlsCode.test(code));
  if (tls !== undefined) {
    return new BindError(
      'tls',
      `${call}: the secure connection to ${context.host} failed (${tls}).`,
      'If a proxy inspects HTTPS, add its CA certificate as the CA file in the network ' +
        "settings. Check this computer's clock, and that TLS 1.2 or later is allowed.",
      {cause: error},
    );
  }

  const code = codes[0] ?? 'no error code';
  const what = codes.includes('ECONNREFUSED')
    ? `${context.host} refused the connection`
    : codes.includes('ENOTFOUND') || codes.includes('EAI_AGAIN')
      ? `the host name ${context.host} could not be resolved`
      : codes.includes('ECONNRESET') || codes.includes('UND_ERR_SOCKET')
        ? `the connection to ${context.host} was closed before a reply`
        : `${context.host} could not be reached`;
  return new BindError('network', `${call}: ${what} (${code}).`, firewallFix, {cause: error});
}
