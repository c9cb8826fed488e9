import {stat} from 'node:fs/promises';
import {BindError} from '../bind/errors.js';
import {DamagedBindingError, removeDamagedBinding} from './damaged-binding.js';
import {keychainAccountFor, decodeDataKey, type KeyLocation} from './data-key.js';
import {errorCode} from './file-error.js';
import {keyFilePath, readKeyFile} from './key-file.js';
import {
  keychainService,
  openKeychain,
  type Keychain,
  type KeychainUnavailable,
} from './keychain.js';

/**
 * Access to one state directory's data key: its keychain account, and the keychain itself,
 * opened (and probed) at most once per store operation.
 */
export type DataKeyAccess = {
  readonly stateDir: string;
  readonly account: string;
  readonly signal: AbortSignal | undefined;
  keychain(): Promise<Keychain | KeychainUnavailable>;
};

const keyFileOnlyStore: KeychainUnavailable = {
  available: false,
  reason: 'this state directory keeps its data key in a key file only',
  fix: 'Use another state directory to keep the key in the OS keychain',
};

export async function dataKeyAccess(
  stateDir: string,
  signal: AbortSignal | undefined,
  keyFileOnly = false,
): Promise<DataKeyAccess> {
  const account = await keychainAccountFor(stateDir, signal);
  let opened: Promise<Keychain | KeychainUnavailable> | undefined;
  const open = async () => (keyFileOnly ? keyFileOnlyStore : openKeychain({signal}));
  return {
    stateDir,
    account,
    signal,
    keychain: () => (opened ??= open()),
  };
}

function stripFullStop(sentence: string): string {
  return sentence.replace(/\.$/, '');
}

/** No keychain, and the administrator has not allowed a key file. */
export function noKeychainError(unavailable: KeychainUnavailable): BindError {
  return new BindError(
    'storage',
    `No OS keychain is available: ${unavailable.reason}`,
    `${stripFullStop(unavailable.fix)}, or pass --allow-key-file to keep the key in a file ` +
      'beside the data (weaker)',
  );
}

const restoreOrRemove = `Restore it from a backup, or ${removeDamagedBinding}.`;

/** The key of an existing binding file, from where its header says it lives. */
export async function fetchExistingKey(
  access: DataKeyAccess,
  location: KeyLocation,
  dataFile: string,
): Promise<Buffer> {
  if (location === 'key-file') {
    const key = await readKeyFile(access.stateDir, access.signal);
    if (key) return key;
    throw new DamagedBindingError(
      `The binding file ${dataFile} exists but its key file ` +
        `${keyFilePath(access.stateDir)} is missing.`,
      restoreOrRemove,
    );
  }

  const keychain = await access.keychain();
  if (!keychain.available) {
    throw new BindError(
      'storage',
      `The data key of ${dataFile} is in the OS keychain, which is not available: ` +
        `${keychain.reason}.`,
      keychain.fix,
    );
  }

  const stored = await keychain.get(access.account, access.signal);
  if (stored === null) {
    throw new DamagedBindingError(
      `The binding file ${dataFile} exists but its data key is missing from the OS keychain ` +
        `(service ${keychainService}, account ${access.account}).`,
      `The keychain entry was removed. ${restoreOrRemove}`,
    );
  }
  return decodeDataKey(stored, `the OS keychain entry ${access.account}`);
}

async function keyFileExists(stateDir: string): Promise<boolean> {
  try {
    await stat(keyFilePath(stateDir));
    return true;
  } catch (error) {
    return errorCode(error) !== 'ENOENT';
  }
}

/**
 * Where a data key was left behind when there is no binding file: a sign that the file was
 * deleted or moved, which the administrator should hear about rather than see "not bound".
 */
export async function findLeftoverKey(access: DataKeyAccess): Promise<KeyLocation | null> {
  if (await keyFileExists(access.stateDir)) return 'key-file';

  const keychain = await access.keychain();
  if (!keychain.available) return null;
  return (await keychain.get(access.account, access.signal)) === null ? null : 'keychain';
}
