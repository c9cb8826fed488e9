import {BindError} from '../errors.js';
import {answeredWithoutTls} from '../http/tls-mismatch.js';
import {errorCode, StageFailure} from './stage.js';
import {TunnelRefused} from './proxy-tunnel.js';

/** Which hop a failure is on: the Mimecast host itself, or the proxy in front of it. */
export type Hop =
  | {readonly kind: 'direct'; readonly authority: string}
  | {readonly kind: 'proxy'; readonly authority: string; readonly proxy: string};

const tlsCode = /^(ERR_SSL_|ERR_TLS_|CERT_|UNABLE_TO_|DEPTH_ZERO_|SELF_SIGNED_|HOSTNAME_|EPROTO$)/;

const untrustedCode =
  /^(UNABLE_TO_|DEPTH_ZERO_SELF_SIGNED_CERT$|SELF_SIGNED_CERT_IN_CHAIN$|CERT_UNTRUSTED$)/;

function seconds(ms: number): string {
  return ms < 1000 ? `${ms} ms` : `${Math.round(ms / 1000)} s`;
}

function stageCode(failure: unknown): string {
  return failure instanceof StageFailure ? errorCode(failure.reason) : errorCode(failure);
}

function timedOut(failure: unknown): boolean {
  return failure instanceof StageFailure && failure.timedOut;
}

const proxyFix =
  'Check the proxy setting (or HTTPS_PROXY), and that the proxy is up and reachable from ' +
  'this server.';

export function dnsFailure(hop: Hop, host: string, failure: unknown, timeoutMs: number) {
  const what = hop.kind === 'proxy' ? `the proxy ${hop.proxy}` : hop.authority;
  const why = timedOut(failure)
    ? `no DNS answer within ${seconds(timeoutMs)}`
    : `${stageCode(failure)}`;
  return new BindError(
    'network',
    `Connectivity check: the host name ${host} (${what}) could not be resolved (${why}).`,
    hop.kind === 'proxy'
      ? proxyFix
      : "Check the discovery URL, and that this server's DNS resolves internet names. If " +
          'outbound traffic must go through a proxy, set it in the network settings.',
    {cause: failure, setting: hop.kind === 'proxy' ? 'proxyUrl' : 'discoveryUrl'},
  );
}

export function tcpFailure(hop: Hop, address: string, failure: unknown, timeoutMs: number) {
  const code = stageCode(failure);
  const target = hop.kind === 'proxy' ? `the proxy ${hop.proxy}` : hop.authority;
  const why = timedOut(failure)
    ? `no TCP connection within ${seconds(timeoutMs)}: a firewall probably drops the traffic`
    : code === 'ECONNREFUSED'
      ? 'the connection was refused (ECONNREFUSED)'
      : `the connection failed (${code})`;
  return new BindError(
    'network',
    `Connectivity check: ${target} (${address}) cannot be reached: ${why}.`,
    hop.kind === 'proxy'
      ? proxyFix
      : `Allow outbound TCP to ${hop.authority} on the firewall, or set the proxy this ` +
          'network requires in the network settings.',
    {cause: failure, setting: hop.kind === 'proxy' ? 'proxyUrl' : 'discoveryUrl'},
  );
}

export function tunnelFailure(hop: Hop & {kind: 'proxy'}, failure: unknown, timeoutMs: number) {
  const reason = failure instanceof StageFailure ? failure.reason : failure;
  const status = reason instanceof TunnelRefused ? reason.status : null;
  const why = timedOut(failure)
    ? `did not answer the tunnel request within ${seconds(timeoutMs)}`
    : status === 407
      ? 'asks for a user name and password (HTTP 407)'
      : status !== null && status !== 0
        ? `refused to open a tunnel to ${hop.authority} (HTTP ${status})`
        : `closed the connection instead of opening a tunnel to ${hop.authority}`;
  return new BindError(
    'network',
    `Connectivity check: the proxy ${hop.proxy} ${why}.`,
    status === 407
      ? 'Let this server through the proxy without authentication, or put the proxy with its ' +
          'user name and password in the HTTPS_PROXY environment variable.'
      : `Ask the proxy's administrators to allow HTTPS (CONNECT) to ${hop.authority}.`,
    {cause: failure, setting: 'proxyUrl'},
  );
}

export function tlsFailure(hop: Hop, peer: string, failure: unknown, timeoutMs: number) {
  const code = stageCode(failure);
  const via = hop.kind === 'proxy' ? ` through the proxy ${hop.proxy}` : '';
  // A handshake that never finishes is a silent peer, not a certificate that failed its check:
  // network, as a timeout is in every other step.
  if (timedOut(failure)) {
    return new BindError(
      'network',
      `Connectivity check: the TLS handshake with ${peer}${via} did not finish within ` +
        `${seconds(timeoutMs)}.`,
      hop.kind === 'proxy'
        ? 'Check that nothing between this server and Mimecast holds HTTPS traffic back, and ' +
            'that the proxy is given as http:// unless it really takes TLS.'
        : 'Check that nothing between this server and Mimecast holds HTTPS traffic back, and ' +
            'that the discovery URL names the TLS port.',
      {cause: failure, setting: hop.kind === 'proxy' ? 'proxyUrl' : 'discoveryUrl'},
    );
  }
  const plain = answeredWithoutTls(failure instanceof StageFailure ? failure.reason : failure);
  if (plain !== null) {
    // The handshake with an https:// proxy itself names the proxy as its peer.
    const viaHttpsProxy = peer !== hop.authority;
    return new BindError(
      'tls',
      `Connectivity check${via}: ${peer} does not speak TLS on that port: it answered the TLS ` +
        `handshake in plain text (${plain}).`,
      viaHttpsProxy
        ? 'The proxy is given as https:// but takes plain HTTP: give it as http://host:port.'
        : "Check the discovery URL: it must be the https:// address of Mimecast's API on its " +
            'TLS port, such as https://api.mimecast.com.',
      {cause: failure, setting: viaHttpsProxy ? 'proxyUrl' : 'discoveryUrl'},
    );
  }
  const untrusted = untrustedCode.test(code);
  const nameMismatch = code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code.startsWith('HOSTNAME_');
  const why = untrusted
    ? `the certificate ${peer} presented is not signed by a trusted CA (${code})`
    : nameMismatch
      ? `the certificate ${peer} presented is for another name (${code})`
      : code === 'CERT_HAS_EXPIRED' || code === 'CERT_NOT_YET_VALID'
        ? `the certificate ${peer} presented is outside its validity dates (${code})`
        : tlsCode.test(code)
          ? `the handshake with ${peer} failed (${code})`
          : `the connection closed during the handshake with ${peer} (${code})`;
  return new BindError(
    'tls',
    `Connectivity check${via}: ${why}.`,
    untrusted || nameMismatch
      ? 'If a proxy or firewall inspects HTTPS, put its CA certificate (PEM) in the CA file ' +
          'setting, or have Mimecast traffic exempted from inspection.'
      : "Check this computer's clock, and that TLS 1.2 or later is allowed on the way to " +
          'Mimecast.',
    {cause: failure, setting: 'caFile'},
  );
}
