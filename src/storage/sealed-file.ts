import {readFile} from 'node:fs/promises';
import {cancelledError} from '../bind/errors.js';
import {throwIfCancelled, wasCancelled} from './cancellation.js';
import {openEnvelope, readEnvelopeHeader} from './crypto.js';
import {fetchExistingKey, type DataKeyAccess} from './data-key-access.js';
import type {KeyLocation} from './data-key.js';
import {errorCode, fileError} from './file-error.js';

/*
 * The state directory's encrypted files (the binding, and the record of bindings failed binds
 * left at Mimecast) share one data key and one envelope (crypto.ts), whose header says where
 * the key lives.
 */

export type OpenedFile = {
  readonly plaintext: Buffer;
  readonly key: Buffer;
  readonly keyLocation: KeyLocation;
};

/** The file's bytes, or null when it does not exist. */
export async function readSealedFile(path: string, signal?: AbortSignal): Promise<Buffer | null> {
  throwIfCancelled(signal);
  try {
    return await readFile(path, {signal});
  } catch (error) {
    if (wasCancelled(error, signal)) throw cancelledError();
    if (errorCode(error) === 'ENOENT') return null;
    throw fileError('read', path, error);
  }
}

/** Decrypts an envelope with the key its header points to, checking the tag. */
export async function openSealedFile(
  access: DataKeyAccess,
  path: string,
  file: Buffer,
): Promise<OpenedFile> {
  const {keyLocation} = readEnvelopeHeader(file, path);
  const key = await fetchExistingKey(access, keyLocation, path);
  return {plaintext: openEnvelope(file, key, path), key, keyLocation};
}
