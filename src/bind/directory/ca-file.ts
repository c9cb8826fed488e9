import {readFile} from 'node:fs/promises';
import {rootCertificates} from 'node:tls';

import {BindError, cancelledError, isAbortError} from '../errors.js';

/**
 * The certificates to trust for the directory: the system's roots plus the CA file, if one is
 * set. Node's `ca` option replaces the roots rather than adding to them, hence the merge.
 * Undefined when no CA file is set, so Node keeps its defaults.
 */
export async function trustedCertificates(
  caFile: string | undefined,
  signal: AbortSignal,
): Promise<string[] | undefined> {
  if (caFile === undefined || caFile.trim() === '') return undefined;

  let pem: string;
  try {
    pem = await readFile(caFile, {encoding: 'utf8', signal});
  } catch (error) {
    if (isAbortError(error)) throw cancelledError();
    const code = (error as {code?: unknown}).code;
    throw new BindError(
      'input',
      `The CA file ${caFile} could not be read (${typeof code === 'string' ? code : 'error'}).`,
      'Check the CA file setting: it must name a readable PEM file.',
      {cause: error, setting: 'caFile'},
    );
  }

  if (!pem.includes('-----BEGIN CERTIFICATE-----')) {
    throw new BindError(
      'input',
      `The CA file ${caFile} holds no PEM certificate.`,
      'Export the CA certificate in PEM (Base-64) form and point the CA file setting at it.',
      {setting: 'caFile'},
    );
  }
  return [...rootCertificates, pem];
}
