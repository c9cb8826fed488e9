import {access} from 'node:fs/promises';
import {keyFilePath} from './key-file.js';
import type {StoreOptions} from './binding-store.js';

/**
 * The store options a command should use. A state directory whose data key is already in a
 * key file was bound with `--allow-key-file` once; re-binding it, or opening the wizard on it,
 * must not demand the option again, just as `status`, `run` and `unbind` read it without.
 */
export async function withRememberedKeyFileConsent(options: StoreOptions): Promise<StoreOptions> {
  if (options.allowKeyFile || options.keyFileOnly) return options;
  try {
    await access(keyFilePath(options.stateDir));
    return {...options, allowKeyFile: true};
  } catch {
    return options;
  }
}
