import {readFile, rm, stat} from 'node:fs/promises';
import {join} from 'node:path';
import {BindError, cancelledError} from '../bind/errors.js';
import {atomicWriteFile} from './atomic-write.js';
import {DamagedBindingError, removeDamagedBinding} from './damaged-binding.js';
import {throwIfCancelled, wasCancelled} from './cancellation.js';
import {dataKeyLength} from './data-key.js';
import {errorCode, fileError} from './file-error.js';

/**
 * The weaker fallback for machines without a usable OS keychain, used only when the
 * administrator allows it: the raw data key in a file beside the encrypted binding, mode 0600.
 * Anyone who can read both files can read the binding; the keychain keeps them apart.
 */
export const keyFileName = 'binding.key';

export function keyFilePath(stateDir: string): string {
  return join(stateDir, keyFileName);
}

/** Group or other permission bits: a key file with any of them is refused. */
const sharedBits = 0o077;

async function refuseIfShared(path: string): Promise<void> {
  // Limitation: on Windows the mode bits say nothing about the ACL, so nothing is checked there.
  if (process.platform === 'win32') return;

  const {mode} = await stat(path);
  if ((mode & sharedBits) !== 0) {
    const octal = (mode & 0o777).toString(8).padStart(4, '0');
    throw new BindError(
      'storage',
      `The key file ${path} can be read by other users (mode ${octal}).`,
      `Restrict it to its owner (chmod 600 ${path}), then try again.`,
    );
  }
}

/** The data key from the key file, or null when there is no key file. */
export async function readKeyFile(stateDir: string, signal?: AbortSignal): Promise<Buffer | null> {
  throwIfCancelled(signal);
  const path = keyFilePath(stateDir);

  let key: Buffer;
  try {
    await refuseIfShared(path);
    key = await readFile(path, {signal});
  } catch (error) {
    if (error instanceof BindError) throw error;
    if (wasCancelled(error, signal)) throw cancelledError();
    if (errorCode(error) === 'ENOENT') return null;
    throw fileError('read', path, error);
  }

  if (key.length !== dataKeyLength) {
    throw new DamagedBindingError(
      `The key file ${path} is damaged (${key.length} bytes instead of ${dataKeyLength}).`,
      `Restore it from a backup, or ${removeDamagedBinding}.`,
    );
  }
  return key;
}

export async function writeKeyFile(
  stateDir: string,
  key: Buffer,
  signal?: AbortSignal,
): Promise<string> {
  const path = keyFilePath(stateDir);
  await atomicWriteFile(path, key, {mode: 0o600, signal});
  return path;
}

/** Removes the key file; true when there was one. */
export async function deleteKeyFile(stateDir: string, signal?: AbortSignal): Promise<boolean> {
  throwIfCancelled(signal);
  const path = keyFilePath(stateDir);
  try {
    await rm(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw fileError('delete', path, error);
  }
}
