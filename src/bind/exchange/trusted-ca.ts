import {X509Certificate} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {rootCertificates} from 'node:tls';

import {BindError, cancelledError, isAbortError} from '../errors.js';

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

/**
 * The CAs a connection trusts when the administrator names a CA file: the system's roots plus
 * every certificate in the file (giving `ca` alone would replace the roots, not extend them).
 */
export async function readTrustedCa(caFile: string, signal: AbortSignal): Promise<string[]> {
  let pem: string;
  try {
    pem = await readFile(caFile, {encoding: 'utf8', signal});
  } catch (error) {
    if (isAbortError(error)) throw cancelledError();
    const code = (error as {code?: unknown}).code;
    throw new BindError(
      'input',
      `The CA file ${caFile} cannot be read (${typeof code === 'string' ? code : 'error'}).`,
      'Check the CA file path and that this account may read it.',
      {cause: error, setting: 'caFile'},
    );
  }

  // Node accepts a `ca` it cannot parse without a word; a wrong file would then surface
  // later as an untrusted certificate, far from its cause.
  const certificates = pem.match(pemBlock) ?? [];
  if (certificates.length === 0 || !certificates.every(isCertificate)) {
    throw new BindError(
      'input',
      `The CA file ${caFile} holds no readable PEM certificate.`,
      'Give a PEM file (-----BEGIN CERTIFICATE-----), not a DER file or a private key.',
      {setting: 'caFile'},
    );
  }
  return [...rootCertificates, ...certificates];
}

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}
