import {errorChain} from './error-chain.js';

/**
 * OpenSSL's words when the bytes that came back to a TLS hello are not TLS: a plain-HTTP (or
 * LDAP) server answering in plain text. Node gives them as ERR_SSL_* codes, or, on some builds
 * and through some wrappers, as EPROTO with the reason only in the message.
 */
const notTlsCodes = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG']);
const notTlsReason = /wrong version number|packet length too long/i;

/**
 * The code to show when the peer answered a TLS handshake with something that is not TLS, or
 * null. Such a port speaks another protocol (most often plain HTTP): the fix is the URL's
 * scheme or port, never a certificate.
 */
export function answeredWithoutTls(error: unknown): string | null {
  for (const inner of errorChain(error)) {
    const code = (inner as {code?: unknown}).code;
    if (typeof code !== 'string') continue;
    if (notTlsCodes.has(code)) return code;
    // EPROTO carries the reason only in its message; this is the one place that reads it.
    const message = inner instanceof Error ? inner.message : '';
    if (code === 'EPROTO' && notTlsReason.test(message)) return code;
  }
  return null;
}
