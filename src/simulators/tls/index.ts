/** The simulators' own certificate authority: HTTPS on loopback, trusted only when told. */
export {
  createCertificateAuthority,
  loopbackHosts,
  type CertificateAuthority,
  type CertificateAuthorityOptions,
  type ServerCertificate,
} from './certificate-authority.js';
export {writeCaFile, type CaFile} from './ca-file.js';
export {processCertificateAuthority} from './process-ca.js';
