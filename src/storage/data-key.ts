import {createHash, randomBytes} from 'node:crypto';
import {realpath} from 'node:fs/promises';
import {resolve} from 'node:path';
import {DamagedBindingError, removeDamagedBinding} from './damaged-binding.js';
import {throwIfCancelled} from './cancellation.js';

/** Where a binding's data key lives: the OS keychain, or (weaker, opt-in) a file beside it. */
export type KeyLocation = 'keychain' | 'key-file';

/** AES-256 key length in bytes. */
export const dataKeyLength = 32;

export function generateDataKey(): Buffer {
  return randomBytes(dataKeyLength);
}

/** Keychain entries are strings; the key is kept there as base64. */
export function encodeDataKey(key: Buffer): string {
  return key.toString('base64');
}

export function decodeDataKey(text: string, source: string): Buffer {
  const key = Buffer.from(text, 'base64');
  if (key.length !== dataKeyLength || encodeDataKey(key) !== text.trim()) {
    throw new DamagedBindingError(
      `The data key in ${source} is malformed (it is not ${dataKeyLength} bytes of base64).`,
      `Restore it from a backup, or ${removeDamagedBinding}.`,
    );
  }
  return key;
}

/**
 * The keychain account that holds the data key of one state directory. It is derived from the
 * directory's real absolute path, so two state directories never share a key and a symlinked
 * path still finds its own.
 */
export async function keychainAccountFor(
  stateDir: string,
  signal?: AbortSignal,
  platform: NodeJS.Platform = process.platform,
): Promise<string> {
  throwIfCancelled(signal);
  let path = resolve(stateDir);
  try {
    path = await realpath(path);
  } catch {
    // Not created yet: nothing is stored there, and the first save creates it before asking.
  }
  // Windows paths are case-insensitive: C:\X and c:\x are one directory.
  if (platform === 'win32') path = path.toLowerCase();

  const digest = createHash('sha256').update(path).digest('hex').slice(0, 32);
  return `data-key-${digest}`;
}
