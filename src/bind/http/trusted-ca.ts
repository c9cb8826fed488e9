import {X509Certificate} from 'node:crypto';
import {readFile} from 'node:fs/promises';
import {rootCertificates} from 'node:tls';

import {BindError, cancelledError, isAbortError} from '../errors.js';
import type {NetworkEnvironment} from './network-environment.js';

const pemBlock = /-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g;

function isCertificate(pem: string): boolean {
  try {
    new X509Certificate(pem);
    return true;
  } catch {
    return false;
  }
}

async function readCaFile(caFile: string, signal: AbortSignal): Promise<string[]> {
  let pem: string;
  try {
    pem = await readFile(caFile, {encoding: 'utf8', signal});
  } catch (error) {
    if (isAbortError(error)) throw cancelledError();
    const code = (error as {code?: unknown}).code;
    throw new BindError(
      'input',
      `The CA file ${caFile} cannot be read (${typeof code === 'string' ? code : 'error'}).`,
      'Check the CA file path in the site settings and that this account may read it.',
      {cause: error, setting: 'caFile'},
    );
  }
  // Node takes a `ca` it cannot parse without a word; a wrong file would then surface later
  // as an untrusted certificate, far from its cause.
  const certificates = pem.match(pemBlock) ?? [];
  if (certificates.length === 0 || !certificates.every(isCertificate)) {
    throw new BindError(
      'input',
      `The CA file ${caFile} holds no readable PEM certificate.`,
      'Give a PEM file (-----BEGIN CERTIFICATE-----), not a DER file or a private key.',
      {setting: 'caFile'},
    );
  }
  return certificates;
}

/** NODE_EXTRA_CA_CERTS, read the way Node reads it: a file it cannot read adds nothing. */
async function readExtraCertificates(path: string, signal: AbortSignal): Promise<string[]> {
  if (path === '') return [];
  try {
    const pem = await readFile(path, {encoding: 'utf8', signal});
    return (pem.match(pemBlock) ?? []).filter(isCertificate);
  } catch (error) {
    if (isAbortError(error)) throw cancelledError();
    // Node has already warned about it at start-up.
    return [];
  }
}

/**
 * The CAs a connection trusts: undefined leaves Node's defaults (its roots plus
 * NODE_EXTRA_CA_CERTS). With a CA file, the list is the roots, NODE_EXTRA_CA_CERTS and the
 * file's certificates: Node's `ca` option replaces the defaults rather than adding to them.
 */
export async function readTrustedCa(
  caFile: string,
  env: NetworkEnvironment,
  signal: AbortSignal,
): Promise<string[] | undefined> {
  if (signal.aborted) throw cancelledError();
  if (caFile.trim() === '') return undefined;
  const [own, extra] = await Promise.all([
    readCaFile(caFile.trim(), signal),
    readExtraCertificates(env.extraCaFile, signal),
  ]);
  return [...rootCertificates, ...extra, ...own];
}
