import {BindError} from '../errors.js';
import {answeredWithoutTls} from '../http/tls-mismatch.js';
import {
  errorCode,
  hostAndPort,
  type DirectoryField,
  type FailureContext,
} from './failure-context.js';
import {isPlainLdapPort, plainLdapPortFix, plainLdapPortNote} from './plain-ldap-port.js';

/** Node's verification codes that mean "issued by a CA this computer does not trust". */
const untrusted: Readonly<Record<string, string>> = {
  SELF_SIGNED_CERT_IN_CHAIN: 'is issued by a self-signed CA that this computer does not trust',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed, so this computer does not trust it',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'cannot be verified: the CA that issued it is unknown here',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'cannot be verified: the CA that issued it is unknown here',
  UNABLE_TO_GET_ISSUER_CERT: 'cannot be verified: its issuer certificate is missing',
};

const protocolMismatch = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_SSL_HTTP_REQUEST',
  'EPROTO',
]);

const oldProtocol = new Set([
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
]);

/** The BindError for a TLS failure, or undefined when the error is not one. */
export function tlsFailure(error: unknown, context: FailureContext): BindError | undefined {
  const code = errorCode(error);
  const {host, port, tlsMode} = context.settings;
  const certificate = (detail: string, fix: string, setting?: DirectoryField): BindError =>
    new BindError('tls', `The directory server's certificate ${detail} (${code}).`, fix, {
      cause: error,
      ...(setting === undefined ? {} : {setting}),
    });

  if (code !== undefined && Object.hasOwn(untrusted, code)) {
    const fix =
      context.caFile === undefined
        ? 'Set the CA file setting to the PEM file of the CA that issued the directory ' +
          "server's certificate."
        : `The CA file ${context.caFile} does not hold the CA that issued this certificate: ` +
          "point the CA file setting at that CA's PEM file.";
    return certificate(untrusted[code] ?? '', fix, 'caFile');
  }
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID') {
    const names = certificateNames(error);
    const listed = names.length > 0 ? `: it names ${names.join(', ')}` : '';
    return certificate(
      `does not name ${host}${listed}`,
      names.length > 0
        ? `Enter the directory server as ${names.join(' or ')} (a name its certificate lists), ` +
            `or have the certificate reissued with ${host} among its subject alternative names.`
        : 'Enter the directory server by a name its certificate lists (usually its full DNS ' +
            'name), or have the certificate reissued for the name you use.',
      'directoryHost',
    );
  }
  if (code === 'CERT_HAS_EXPIRED') {
    return certificate(
      'has expired',
      "Renew the directory server's certificate, or check this computer's clock.",
    );
  }
  if (code === 'CERT_NOT_YET_VALID') {
    return certificate(
      'is not valid yet',
      "Check this computer's clock and the certificate's start date.",
    );
  }
  if (code !== undefined && oldProtocol.has(code)) {
    return new BindError(
      'tls',
      `${hostAndPort(context)} offers only TLS versions older than 1.2 (${code}).`,
      'Enable TLS 1.2 or later on the directory server.',
      {cause: error},
    );
  }

  const inHandshake =
    (context.phase === 'connect' && tlsMode === 'ldaps') || context.phase === 'starttls';
  const plainAnswer = answeredWithoutTls(error);
  const closed = code === 'ECONNRESET' || (code !== undefined && protocolMismatch.has(code));
  if (
    inHandshake &&
    tlsMode === 'ldaps' &&
    isPlainLdapPort(port) &&
    (plainAnswer !== null || closed)
  ) {
    const what =
      plainAnswer === null
        ? `closed the connection during the TLS handshake (${code})`
        : `answered the TLS handshake in plain text (${plainAnswer})`;
    const message = `${hostAndPort(context)} ${what}: ${plainLdapPortNote}.`;
    return new BindError('tls', message, plainLdapPortFix, {cause: error, setting: 'tlsMode'});
  }
  if (inHandshake && plainAnswer !== null) {
    return new BindError(
      'tls',
      `${hostAndPort(context)} does not speak TLS: it answered the TLS handshake in plain ` +
        `text (${plainAnswer}).`,
      tlsMode === 'ldaps'
        ? `Port ${port} serves plain LDAP (or another protocol), not LDAPS. Use the LDAPS port ` +
            '(636 by default), or choose StartTLS or None for port 389.'
        : 'The server agreed to StartTLS but did not start it: check the port, or choose LDAPS.',
      {cause: error, setting: tlsMode === 'ldaps' ? 'directoryPort' : 'tlsMode'},
    );
  }
  if (inHandshake && closed) {
    const fix =
      tlsMode === 'ldaps'
        ? `Check that port ${port} is the LDAPS port (636 by default) and that the server has a ` +
          'certificate, or choose StartTLS on port 389.'
        : 'Give the directory server a certificate so StartTLS works, or choose LDAPS.';
    return new BindError(
      'tls',
      `${hostAndPort(context)} closed the connection before a secure TLS connection was ` +
        `established (${code}).`,
      fix,
      {cause: error, setting: tlsMode === 'ldaps' ? 'directoryPort' : 'tlsMode'},
    );
  }
  return undefined;
}

/**
 * The names a certificate is valid for, from the `cert` Node attaches to a host-name mismatch:
 * its DNS and IP subject alternative names, else its common name. Wildcards stay as written.
 */
function certificateNames(error: unknown): string[] {
  const cert = (error as {cert?: {subjectaltname?: unknown; subject?: {CN?: unknown}}}).cert;
  const altNames = typeof cert?.subjectaltname === 'string' ? cert.subjectaltname : '';
  const names = altNames
    .split(',')
    .map((entry) => /^\s*(?:DNS|IP Address):(.+)$/.exec(entry)?.[1]?.trim())
    .filter((name): name is string => name !== undefined && name !== '');
  if (names.length > 0) return names;
  const commonName = cert?.subject?.CN;
  return typeof commonName === 'string' && commonName !== '' ? [commonName] : [];
}
