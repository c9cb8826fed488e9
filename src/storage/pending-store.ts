import {dataFilePath, type StoreOptions} from './binding-store.js';
import {throwIfCancelled} from './cancellation.js';
import {dataKeyAccess, noKeychainError, type DataKeyAccess} from './data-key-access.js';
import {encodeDataKey, generateDataKey} from './data-key.js';
import {deleteKeyFile, writeKeyFile} from './key-file.js';
import {
  identityOf,
  sameIdentity,
  type BindingIdentity,
  type PendingBinding,
} from './pending-binding.js';
import {openPending, writePending} from './pending-file.js';
import {openSealedFile, readSealedFile} from './sealed-file.js';

/*
 * The bindings failed binds left at Mimecast (pending-binding.ts), kept per state directory in
 * binding-pending.enc. Called by a bind, which holds the state directory's lock throughout.
 */

function accessFor(options: StoreOptions): Promise<DataKeyAccess> {
  throwIfCancelled(options.signal);
  return dataKeyAccess(options.stateDir, options.signal, options.keyFileOnly ?? false);
}

/** The binding file's key, checked by opening it; null when nothing is bound. */
async function bindingKey(access: DataKeyAccess) {
  const path = dataFilePath(access.stateDir);
  const file = await readSealedFile(path, access.signal);
  return file ? openSealedFile(access, path, file) : null;
}

/** What failed binds left; empty when nothing was left (and then nothing is decrypted). */
export async function loadPendingBindings(
  options: StoreOptions,
): Promise<readonly PendingBinding[]> {
  return (await openPending(await accessFor(options)))?.bindings ?? [];
}

/**
 * Remembers a binding a failed bind left, in place of one remembered for the same user,
 * application and region (a login that named that one and got another back found it gone).
 * Sealed with the state directory's data key; when there is none yet, a new one goes where a
 * save would put it: the keychain, or with the administrator's consent a key file.
 */
export async function rememberPendingBinding(
  left: PendingBinding,
  options: StoreOptions,
): Promise<void> {
  const access = await accessFor(options);
  const pending = await openPending(access);
  const others = (pending?.bindings ?? []).filter(
    (entry) => !sameIdentity(identityOf(entry), identityOf(left)),
  );
  const bindings = [...others, left];

  const holder = (await bindingKey(access)) ?? pending;
  if (holder) return writePending(access, bindings, holder.key, holder.keyLocation);

  const key = generateDataKey();
  const keychain = await access.keychain();
  if (keychain.available) {
    await keychain.set(access.account, encodeDataKey(key), access.signal);
    try {
      return await writePending(access, bindings, key, 'keychain');
    } catch (error) {
      await keychain.delete(access.account).catch(() => false);
      throw error;
    }
  }
  if (!options.allowKeyFile && !options.keyFileOnly) throw noKeychainError(keychain);
  await writeKeyFile(access.stateDir, key, access.signal);
  try {
    return await writePending(access, bindings, key, 'key-file');
  } catch (error) {
    await deleteKeyFile(access.stateDir).catch(() => false);
    throw error;
  }
}

/**
 * Forgets what is remembered for that user, application and region: it was logged out, or a
 * login that named it got another binding back. The data key goes too when nothing else uses
 * it, or a later load would take it for a key whose binding file was lost.
 */
export async function forgetPendingBindings(
  identity: BindingIdentity,
  options: StoreOptions,
): Promise<void> {
  const access = await accessFor(options);
  const pending = await openPending(access);
  if (!pending) return;
  const rest = pending.bindings.filter((entry) => !sameIdentity(identityOf(entry), identity));
  if (rest.length === pending.bindings.length) return;

  await writePending(access, rest, pending.key, pending.keyLocation);
  if (rest.length > 0 || (await readSealedFile(dataFilePath(access.stateDir), access.signal))) {
    return;
  }
  if (pending.keyLocation === 'key-file') {
    await deleteKeyFile(access.stateDir);
    return;
  }
  const keychain = await access.keychain();
  if (keychain.available) await keychain.delete(access.account);
}
