import {generateKeyPair as generateKeyPairCallback, randomBytes, sign} from 'node:crypto';
import {isIP} from 'node:net';
import {promisify} from 'node:util';
import forge from 'node-forge';

const generateKeyPair = promisify(generateKeyPairCallback);

/** A key and certificate chain (PEM) for `https.createServer` / `tls.createServer`. */
export type ServerCertificate = {
  readonly key: string;
  /** The server certificate followed by the CA certificate. */
  readonly cert: string;
};

/**
 * A certificate authority made up at start for the loopback simulators. Nothing trusts it
 * unless told to: the product only trusts it through the CA file setting, so every test and
 * the demo go through real certificate verification.
 */
export type CertificateAuthority = {
  /** The CA certificate, PEM: what a client is given as its CA file. */
  readonly certificatePem: string;
  /** A server certificate for the given host names and addresses, signed by this CA. */
  issueServerCertificate(hosts?: readonly string[]): Promise<ServerCertificate>;
};

export type CertificateAuthorityOptions = {
  /** Shown as the CA's common name; says what the CA is for, in a certificate viewer. */
  readonly name?: string;
  /** How long the certificates are valid; 30 days by default (a demo may run for days). */
  readonly validDays?: number;
};

/** The hosts the simulators listen on. */
export const loopbackHosts: readonly string[] = ['127.0.0.1', 'localhost', '::1'];

type KeyPair = {readonly privateKeyPem: string; readonly publicKeyPem: string};

async function newKeyPair(): Promise<KeyPair> {
  const {privateKey, publicKey} = await generateKeyPair('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: {type: 'spki', format: 'pem'},
    privateKeyEncoding: {type: 'pkcs8', format: 'pem'},
  });
  return {privateKeyPem: privateKey, publicKeyPem: publicKey};
}

/**
 * Signs with node:crypto (native) what node-forge assembled: forge's own RSA, in plain
 * JavaScript, takes a tenth of a second per certificate.
 */
function signCertificate(certificate: forge.pki.Certificate, issuerKeyPem: string): void {
  const algorithm = forge.pki.oids.sha256WithRSAEncryption ?? '1.2.840.113549.1.1.11';
  certificate.signatureOid = algorithm;
  certificate.siginfo.algorithmOid = algorithm;
  // getTBSCertificate is part of forge's API, missing from its type definitions.
  const {getTBSCertificate} = forge.pki as unknown as {
    getTBSCertificate(certificate: forge.pki.Certificate): forge.asn1.Asn1;
  };
  const tbs = getTBSCertificate(certificate);
  const der = Buffer.from(forge.asn1.toDer(tbs).getBytes(), 'binary');
  (certificate as {tbsCertificate?: forge.asn1.Asn1}).tbsCertificate = tbs;
  certificate.signature = sign('sha256', der, issuerKeyPem).toString('binary');
}

function serialNumber(): string {
  // Positive (leading 01) and unique, as RFC 5280 asks.
  return `01${randomBytes(15).toString('hex')}`;
}

function validity(certificate: forge.pki.Certificate, validDays: number): void {
  const now = Date.now();
  // An hour back, so a client clock slightly behind still accepts the certificate.
  certificate.validity.notBefore = new Date(now - 60 * 60_000);
  certificate.validity.notAfter = new Date(now + validDays * 24 * 60 * 60_000);
}

function altNames(hosts: readonly string[]): {type: number; value?: string; ip?: string}[] {
  // Types from RFC 5280's GeneralName: 2 is a DNS name, 7 an IP address.
  return hosts.map((host) => (isIP(host) === 0 ? {type: 2, value: host} : {type: 7, ip: host}));
}

export async function createCertificateAuthority(
  options: CertificateAuthorityOptions = {},
): Promise<CertificateAuthority> {
  const validDays = options.validDays ?? 30;
  // Made together: key generation runs on libuv's thread pool.
  const [caKeys, serverKeys] = await Promise.all([newKeyPair(), newKeyPair()]);
  let spareServerKeys: KeyPair | undefined = serverKeys;
  const caName = [
    {name: 'commonName', value: options.name ?? 'mse-bind simulator CA (loopback only)'},
  ];

  const ca = forge.pki.createCertificate();
  ca.publicKey = forge.pki.publicKeyFromPem(caKeys.publicKeyPem);
  ca.serialNumber = serialNumber();
  validity(ca, validDays);
  ca.setSubject(caName);
  ca.setIssuer(caName);
  ca.setExtensions([
    {name: 'basicConstraints', cA: true, pathLenConstraint: 0, critical: true},
    {name: 'keyUsage', keyCertSign: true, cRLSign: true, critical: true},
    {name: 'subjectKeyIdentifier'},
  ]);
  signCertificate(ca, caKeys.privateKeyPem);
  const certificatePem = forge.pki.certificateToPem(ca);

  return {
    certificatePem,
    async issueServerCertificate(hosts = loopbackHosts) {
      const keys = spareServerKeys ?? (await newKeyPair());
      spareServerKeys = undefined;
      const server = forge.pki.createCertificate();
      server.publicKey = forge.pki.publicKeyFromPem(keys.publicKeyPem);
      server.serialNumber = serialNumber();
      validity(server, validDays);
      server.setSubject([{name: 'commonName', value: hosts[0] ?? 'localhost'}]);
      server.setIssuer(caName);
      server.setExtensions([
        {name: 'basicConstraints', cA: false, critical: true},
        {name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true},
        {name: 'extKeyUsage', serverAuth: true},
        {name: 'subjectAltName', altNames: altNames(hosts)},
        {name: 'subjectKeyIdentifier'},
        {
          name: 'authorityKeyIdentifier',
          keyIdentifier: ca.generateSubjectKeyIdentifier().getBytes(),
        },
      ]);
      signCertificate(server, caKeys.privateKeyPem);
      return {
        key: keys.privateKeyPem,
        cert: `${forge.pki.certificateToPem(server)}${certificatePem}`,
      };
    },
  };
}
