import {rm} from 'node:fs/promises';
import {join} from 'node:path';
import {BindError} from '../bind/errors.js';
import {atomicWriteFile} from './atomic-write.js';
import type {BindingRecord, EngineState} from './binding-record.js';
import {summarizeBinding, type BindingStatus} from './binding-status.js';
import {throwIfCancelled} from './cancellation.js';
import {sealEnvelope} from './crypto.js';
import {
  dataKeyAccess,
  findLeftoverKey,
  noKeychainError,
  type DataKeyAccess,
} from './data-key-access.js';
import {DamagedBindingError} from './damaged-binding.js';
import {encodeDataKey, generateDataKey, type KeyLocation} from './data-key.js';
import {errorCode, fileError} from './file-error.js';
import {deleteKeyFile, keyFilePath, writeKeyFile} from './key-file.js';
import {makeStateDir} from './make-state-dir.js';
import {identityOf, sameIdentity} from './pending-binding.js';
import {
  openPending,
  pendingFileExists,
  removePendingFile,
  writePending,
  type OpenedPending,
} from './pending-file.js';
import {parseBindingRecord} from './record-check.js';
import {openSealedFile, readSealedFile} from './sealed-file.js';
import {withSiteLock} from './site-lock.js';

/*
 * The binding is one AES-256-GCM file, `<stateDir>/binding.enc`. Its data key lives in the OS
 * keychain under an account named after the state directory, or, only when the administrator
 * allows it, in `<stateDir>/binding.key`. The file's header records which.
 *
 * Beside it, `binding-pending.enc` (pending-file.ts) may remember bindings that failed binds
 * left at Mimecast; it is sealed with the same data key, and a successful save clears what it
 * holds for the saved binding's user, application and region.
 *
 * Whoever changes the saved binding holds the state directory's lock (`site-lock.ts`): a bind
 * from before it registers anything until it has saved, unbind from before it reads the binding
 * until it has removed it, the play control only while it rewrites the file. Reads take no
 * lock: every write is atomic.
 */

export type StoreOptions = {
  readonly stateDir: string;
  /** Allows the weaker key file beside the data when no OS keychain is available. */
  readonly allowKeyFile: boolean;
  /**
   * Never use the OS keychain, only the key file: for throw-away state such as the demo's,
   * which must leave nothing behind in the user's keychain.
   */
  readonly keyFileOnly?: boolean;
  readonly signal?: AbortSignal;
};

export type SaveResult = {
  readonly keyLocation: KeyLocation;
  readonly dataFile: string;
  /** The key file, when the key lives in one (the caller shows that it is weaker). */
  readonly keyFile: string | null;
};

/** What was there to remove; each file or entry that was absent is false. */
export type DeleteResult = {
  readonly dataFile: boolean;
  readonly keyFile: boolean;
  readonly keychainKey: boolean;
  /** The record of bindings failed binds left at Mimecast. */
  readonly pendingFile: boolean;
  /** False when the OS keychain could not be used, so an entry there may remain. */
  readonly keychainReachable: boolean;
};

export const dataFileName = 'binding.enc';

export function dataFilePath(stateDir: string): string {
  return join(stateDir, dataFileName);
}

type StoredBinding = {
  readonly record: BindingRecord;
  readonly key: Buffer;
  readonly keyLocation: KeyLocation;
  readonly dataFile: string;
};

async function writeData(
  dataFile: string,
  record: BindingRecord,
  key: Buffer,
  keyLocation: KeyLocation,
  signal?: AbortSignal,
): Promise<SaveResult> {
  const text = JSON.stringify(record);
  // A record that could not be loaded again is never written.
  parseBindingRecord(text, dataFile);

  await atomicWriteFile(dataFile, sealEnvelope(Buffer.from(text, 'utf8'), key, keyLocation), {
    mode: 0o600,
    signal,
  });
  const keyFile = keyLocation === 'key-file' ? keyFilePath(join(dataFile, '..')) : null;
  return {keyLocation, dataFile, keyFile};
}

/** Decrypts and checks an existing binding file, with the key its header points to. */
async function openStored(access: DataKeyAccess, dataFile: string, file: Buffer) {
  const {plaintext, key, keyLocation} = await openSealedFile(access, dataFile, file);
  const record = parseBindingRecord(plaintext.toString('utf8'), dataFile);
  return {record, key, keyLocation, dataFile};
}

async function loadStored(options: StoreOptions): Promise<StoredBinding | null> {
  const {stateDir, signal} = options;
  throwIfCancelled(signal);

  const dataFile = dataFilePath(stateDir);
  const access = await dataKeyAccess(stateDir, signal, options.keyFileOnly ?? false);
  const file = await readSealedFile(dataFile, signal);
  if (file) return openStored(access, dataFile, file);
  // The data key of a pending record alone is no leftover: nothing is bound yet.
  if (await pendingFileExists(stateDir)) return null;

  const leftover = await findLeftoverKey(access);
  if (leftover) {
    const where = leftover === 'keychain' ? 'the OS keychain' : keyFilePath(stateDir);
    throw new DamagedBindingError(
      `A data key for this state directory is in ${where}, but the binding file ${dataFile} ` +
        'is missing.',
      'Restore the binding file from a backup, or run `mse-bind unbind` to remove the leftover ' +
        'key, then bind the site again.',
    );
  }
  return null;
}

/** A save's result and the key the binding is now sealed with. */
type Sealed = {readonly result: SaveResult; readonly key: Buffer};

async function sealWith(
  access: DataKeyAccess,
  dataFile: string,
  record: BindingRecord,
  key: Buffer,
  keyLocation: KeyLocation,
): Promise<Sealed> {
  return {result: await writeData(dataFile, record, key, keyLocation, access.signal), key};
}

/** A new key in the keychain, then the data; the key is taken back if the data is not written. */
async function saveWithNewKeychainKey(
  access: DataKeyAccess,
  dataFile: string,
  record: BindingRecord,
): Promise<Sealed> {
  const keychain = await access.keychain();
  if (!keychain.available) throw noKeychainError(keychain);

  const key = generateDataKey();
  await keychain.set(access.account, encodeDataKey(key), access.signal);
  try {
    return await sealWith(access, dataFile, record, key, 'keychain');
  } catch (error) {
    await keychain.delete(access.account).catch(() => false);
    throw error;
  }
}

async function saveWithNewKeyFile(
  access: DataKeyAccess,
  dataFile: string,
  record: BindingRecord,
): Promise<Sealed> {
  const key = generateDataKey();
  await writeKeyFile(access.stateDir, key, access.signal);
  try {
    return await sealWith(access, dataFile, record, key, 'key-file');
  } catch (error) {
    await deleteKeyFile(access.stateDir).catch(() => false);
    throw error;
  }
}

/** Where the state directory's data key is now: in the binding file, or the pending record. */
type KeyHolder = {readonly key: Buffer; readonly keyLocation: KeyLocation};

async function sealRecord(
  access: DataKeyAccess,
  dataFile: string,
  record: BindingRecord,
  holder: KeyHolder | null,
  options: StoreOptions,
): Promise<Sealed> {
  if (holder?.keyLocation === 'keychain') {
    return sealWith(access, dataFile, record, holder.key, 'keychain');
  }
  const keychain = await access.keychain();
  if (keychain.available) return saveWithNewKeychainKey(access, dataFile, record);
  if (!options.allowKeyFile && !options.keyFileOnly) throw noKeychainError(keychain);
  if (holder) return sealWith(access, dataFile, record, holder.key, 'key-file');
  return saveWithNewKeyFile(access, dataFile, record);
}

/**
 * A successful save is the end of the bindings failed binds left for the same user,
 * application and region: the saved one is either one of them, refreshed, or took their place.
 * The others stay, sealed with the key the binding now uses. Best effort: the binding is saved
 * by now, and failing here would have the bind log out a binding that is in use; a record
 * left as it was is read again with the key it names (which stays for that reason).
 */
async function settlePending(
  access: DataKeyAccess,
  pending: OpenedPending | null,
  record: BindingRecord,
  sealed: Sealed,
): Promise<boolean> {
  if (!pending) return true;
  const saved = {
    email: record.binding.boundBy,
    appId: record.binding.appId,
    regionApi: record.account.regionApi,
  };
  const others = pending.bindings.filter(
    (entry) =>
      !sameIdentity(identityOf(entry), saved) &&
      entry.binding.accessKey !== record.binding.accessKey,
  );
  try {
    await writePending(access, others, sealed.key, sealed.result.keyLocation);
    return true;
  } catch {
    return false;
  }
}

/**
 * Saves the binding atomically: until the new file is in place, the old one stays intact and
 * usable. The first save creates the data key (or takes the one a pending record of a failed
 * bind is sealed with); later saves reuse it, except that a key kept in a key file moves to the
 * keychain as soon as one is available. An existing file that fails its integrity check is
 * never replaced.
 */
export async function saveBinding(
  record: BindingRecord,
  options: StoreOptions,
): Promise<SaveResult> {
  const {stateDir, signal} = options;
  throwIfCancelled(signal);
  await makeStateDir(stateDir);

  const dataFile = dataFilePath(stateDir);
  const access = await dataKeyAccess(stateDir, signal, options.keyFileOnly ?? false);
  const file = await readSealedFile(dataFile, signal);
  const stored = file ? await openStored(access, dataFile, file) : null;
  const pending = await openPending(access);

  const holder = stored ?? pending;
  const sealed = await sealRecord(access, dataFile, record, holder, options);
  const settled = await settlePending(access, pending, record, sealed);

  // A key file left from an earlier, weaker binding opens nothing now; remove it if possible.
  if (sealed.result.keyLocation === 'keychain' && settled) {
    await deleteKeyFile(stateDir).catch(() => false);
  }
  return sealed.result;
}

/** The saved binding, or null when this state directory holds none. */
export async function loadBinding(options: StoreOptions): Promise<BindingRecord | null> {
  return (await loadStored(options))?.record ?? null;
}

/** What `mse-bind status` prints: no secrets, and where the data key lives. */
export async function readStatus(options: StoreOptions): Promise<BindingStatus | null> {
  const stored = await loadStored(options);
  return stored && summarizeBinding(stored.record, stored.keyLocation, stored.dataFile);
}

/** Records the play control's state, rewriting the file atomically with the same key. */
export async function setEngineState(
  state: EngineState,
  options: StoreOptions,
): Promise<SaveResult> {
  // Read and rewritten under the lock, so a bind saving meanwhile is not overwritten.
  return withSiteLock(options.stateDir, async () => {
    const stored = await loadStored(options);
    if (!stored) {
      throw new BindError(
        'storage',
        `No binding is saved in ${options.stateDir}.`,
        'Bind the site first, then start the engine.',
      );
    }

    const record: BindingRecord = {...stored.record, engine: {state}};
    return writeData(stored.dataFile, record, stored.key, stored.keyLocation, options.signal);
  });
}

/**
 * Forgets the binding locally: the data file, the pending record of bindings failed binds
 * left, the key file and the keychain entry. Nothing is
 * read or decrypted, so it removes damaged files and leftovers alike. The keychain is probed
 * first, so cancelling never leaves half of them removed.
 *
 * Limitation: with the keychain unavailable its entry stays behind (`keychainReachable: false`);
 * once the keychain works again a load reports it as a leftover key, and unbind removes it.
 */
export async function deleteBinding(options: StoreOptions): Promise<DeleteResult> {
  throwIfCancelled(options.signal);
  // The lock goes with the files: it is released, and so removed, before this returns.
  return withSiteLock(options.stateDir, () => deleteBindingFiles(options));
}

/**
 * deleteBinding for a caller that already holds the state directory's lock (`lockSite`), as
 * unbind does from before it logs out: taking it again here would wait for itself.
 */
export async function deleteBindingFiles(options: StoreOptions): Promise<DeleteResult> {
  const {stateDir, signal} = options;
  throwIfCancelled(signal);

  const access = await dataKeyAccess(stateDir, signal, options.keyFileOnly ?? false);
  const keychain = await access.keychain();
  const dataFile = dataFilePath(stateDir);

  let dataRemoved = true;
  try {
    await rm(dataFile);
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw fileError('delete', dataFile, error);
    dataRemoved = false;
  }

  const pendingRemoved = await removePendingFile(stateDir);
  const keyFileRemoved = await deleteKeyFile(stateDir);
  const keychainKey = keychain.available ? await keychain.delete(access.account) : false;
  return {
    dataFile: dataRemoved,
    pendingFile: pendingRemoved,
    keyFile: keyFileRemoved,
    keychainKey,
    keychainReachable: keychain.available,
  };
}
