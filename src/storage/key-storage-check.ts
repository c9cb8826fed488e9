import type {StoreOptions} from './binding-store.js';
import {throwIfCancelled} from './cancellation.js';
import {noKeychainError} from './data-key-access.js';
import {keyFilePath} from './key-file.js';
import {openKeychain} from './keychain.js';

/**
 * Asks, before anything is typed, what step 5 would find: null when the OS keychain works; a
 * warning to show on every screen when the data key will go to a key file; the same storage
 * error the save would raise when neither is possible.
 */
export async function checkKeyStorage(options: StoreOptions): Promise<string | null> {
  throwIfCancelled(options.signal);
  if (options.keyFileOnly) {
    return `Weaker storage: data key in ${keyFilePath(options.stateDir)} (key file only)`;
  }

  const keychain = await openKeychain({signal: options.signal});
  if (keychain.available) return null;
  if (!options.allowKeyFile) throw noKeychainError(keychain);

  // The first words matter most: the screen shows this on one line and cuts the rest.
  return `Weaker storage: data key in ${keyFilePath(options.stateDir)} (no OS keychain: ${keychain.reason})`;
}
