import {rm, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {BindError} from '../bind/errors.js';
import {atomicWriteFile} from './atomic-write.js';
import {sealEnvelope} from './crypto.js';
import {DamagedBindingError} from './damaged-binding.js';
import type {DataKeyAccess} from './data-key-access.js';
import type {KeyLocation} from './data-key.js';
import {errorCode, fileError} from './file-error.js';
import {
  parsePendingRecord,
  pendingDamageFix,
  pendingRecordSchemaVersion,
  type PendingBinding,
  type PendingRecord,
} from './pending-binding.js';
import {openSealedFile, readSealedFile} from './sealed-file.js';

/*
 * `<stateDir>/binding-pending.enc`: the bindings failed binds left at Mimecast
 * (pending-binding.ts), sealed like binding.enc and with the same data key, so it holds no
 * access key or secret key in plain text. It is a file of its own: the binding record's format
 * stays as saved bindings have it.
 */
export const pendingFileName = 'binding-pending.enc';

export function pendingFilePath(stateDir: string): string {
  return join(stateDir, pendingFileName);
}

export type OpenedPending = {
  readonly bindings: readonly PendingBinding[];
  readonly key: Buffer;
  readonly keyLocation: KeyLocation;
};

export async function pendingFileExists(stateDir: string): Promise<boolean> {
  try {
    await stat(pendingFilePath(stateDir));
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw fileError('read', pendingFilePath(stateDir), error);
  }
}

/** The pending record and the key it is sealed with, or null when there is none. */
export async function openPending(access: DataKeyAccess): Promise<OpenedPending | null> {
  const path = pendingFilePath(access.stateDir);
  const file = await readSealedFile(path, access.signal);
  if (!file) return null;
  try {
    const opened = await openSealedFile(access, path, file);
    const {bindings} = parsePendingRecord(opened.plaintext.toString('utf8'), path);
    return {bindings, key: opened.key, keyLocation: opened.keyLocation};
  } catch (error) {
    // Reported, never replaced; but removing it loses nothing the site needs, unlike a damaged
    // binding file, so its fix says so.
    if (error instanceof DamagedBindingError) {
      throw new BindError('storage', error.message, pendingDamageFix(path), {cause: error});
    }
    throw error;
  }
}

/** Removes the pending record; true when there was one. */
export async function removePendingFile(stateDir: string): Promise<boolean> {
  const path = pendingFilePath(stateDir);
  try {
    await rm(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw fileError('delete', path, error);
  }
}

/** Writes the bindings atomically, sealed with the key given; no bindings removes the file. */
export async function writePending(
  access: DataKeyAccess,
  bindings: readonly PendingBinding[],
  key: Buffer,
  keyLocation: KeyLocation,
): Promise<void> {
  if (bindings.length === 0) {
    await removePendingFile(access.stateDir);
    return;
  }
  const path = pendingFilePath(access.stateDir);
  const record: PendingRecord = {schemaVersion: pendingRecordSchemaVersion, bindings};
  const text = JSON.stringify(record);
  // A record that could not be read back is never written.
  parsePendingRecord(text, path);
  await atomicWriteFile(path, sealEnvelope(Buffer.from(text, 'utf8'), key, keyLocation), {
    mode: 0o600,
    signal: access.signal,
  });
}
