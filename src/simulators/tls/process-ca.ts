import {
  createCertificateAuthority,
  loopbackHosts,
  type CertificateAuthority,
  type ServerCertificate,
} from './certificate-authority.js';

let shared: Promise<{ca: CertificateAuthority; server: ServerCertificate}> | undefined;

/**
 * The CA and loopback server certificate that every simulator in this process shares, made
 * on first use. Making RSA keys takes a few hundred milliseconds; a test file that starts ten
 * simulators pays for it once, and a client trusting the one CA file reaches all of them.
 */
export function processCertificateAuthority(): Promise<{
  ca: CertificateAuthority;
  server: ServerCertificate;
}> {
  shared ??= (async () => {
    const ca = await createCertificateAuthority();
    return {ca, server: await ca.issueServerCertificate(loopbackHosts)};
  })();
  // A failed attempt is not cached: the next simulator start tries again.
  shared.catch(() => {
    shared = undefined;
  });
  return shared;
}
