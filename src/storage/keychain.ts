import {randomBytes} from 'node:crypto';
import {createRequire} from 'node:module';
import {BindError, cancelledError} from '../bind/errors.js';
import {throwIfCancelled} from './cancellation.js';
import {describeKeychainFailure, keychainFix, keytarMissingFix} from './keychain-diagnosis.js';

/** Every entry mse-bind keeps in the OS keychain lives under this service name. */
export const keychainService = 'mse-bind';

/** The part of keytar this adapter uses (keytar is optional, so its own types may be absent). */
export type KeytarApi = {
  getPassword(service: string, account: string): Promise<string | null>;
  setPassword(service: string, account: string, password: string): Promise<void>;
  deletePassword(service: string, account: string): Promise<boolean>;
};

/**
 * The OS keychain (Secret Service, Credential Manager, Keychain), entries under `mse-bind`.
 * A failing call throws BindError('storage'); a cancelled one throws `cancelledError()`.
 *
 * Limitation: a keytar call is native and cannot be interrupted; cancelling takes effect when
 * it returns, normally within a few milliseconds.
 */
export type Keychain = {
  readonly available: true;
  get(account: string, signal?: AbortSignal): Promise<string | null>;
  set(account: string, secret: string, signal?: AbortSignal): Promise<void>;
  /** True when an entry was there to delete. */
  delete(account: string, signal?: AbortSignal): Promise<boolean>;
};

export type KeychainUnavailable = {
  readonly available: false;
  /** Why, in plain words, without a final full stop (it is quoted inside other sentences). */
  readonly reason: string;
  /** What to change, as a whole sentence. */
  readonly fix: string;
};

export type OpenKeychainOptions = {
  readonly signal?: AbortSignal;
  readonly platform?: NodeJS.Platform;
  /** Loads keytar; a test replaces it to reproduce a machine where keytar is not installed. */
  readonly loadKeytar?: () => KeytarApi;
  /** How long the availability probe may take before the keychain counts as unavailable. */
  readonly probeTimeoutMs?: number;
};

const defaultProbeTimeoutMs = 10_000;

/** keytar is loaded at run time from node_modules (the bundle keeps it external). */
function requireKeytar(): KeytarApi {
  return createRequire(import.meta.url)('keytar') as KeytarApi;
}

function loadFailure(error: unknown, platform: NodeJS.Platform): KeychainUnavailable {
  const missing = (error as {code?: unknown} | null)?.code === 'MODULE_NOT_FOUND';
  const detail = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
  return {
    available: false,
    reason: missing
      ? 'the keytar module is not installed'
      : `the keytar module could not be loaded (${detail})`,
    fix: keytarMissingFix(platform),
  };
}

/** Settles with `work`, or rejects when the signal fires or the deadline passes. */
async function withinDeadline<T>(
  work: Promise<T>,
  timeoutMs: number,
  signal: AbortSignal | undefined,
): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  let onAbort: (() => void) | undefined;
  const stop = new Promise<never>((_, reject) => {
    const late = `no answer within ${timeoutMs / 1000} s (perhaps an unlock prompt nobody can see)`;
    timer = setTimeout(() => reject(new Error(late)), timeoutMs);
    onAbort = () => reject(cancelledError());
    signal?.addEventListener('abort', onAbort, {once: true});
  });
  try {
    return await Promise.race([work, stop]);
  } finally {
    clearTimeout(timer);
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  }
}

/**
 * keytar's reads answer null when the keyring is locked or missing, exactly as for an absent
 * entry, so only a write shows whether the keychain works: store a random throw-away entry,
 * read it back, remove it.
 */
async function probe(keytar: KeytarApi): Promise<void> {
  const account = `availability-probe-${randomBytes(4).toString('hex')}`;
  const value = randomBytes(16).toString('hex');
  await keytar.setPassword(keychainService, account, value);
  try {
    const readBack = await keytar.getPassword(keychainService, account);
    if (readBack !== value) throw new Error('a test entry could not be read back');
  } finally {
    await keytar.deletePassword(keychainService, account).catch(() => false);
  }
}

function adapter(keytar: KeytarApi, platform: NodeJS.Platform): Keychain {
  async function call<T>(
    action: string,
    account: string,
    signal: AbortSignal | undefined,
    work: () => Promise<T>,
  ): Promise<T> {
    throwIfCancelled(signal);
    let result: T;
    try {
      result = await work();
    } catch (error) {
      const reason = describeKeychainFailure(error, platform);
      throw new BindError(
        'storage',
        `The OS keychain could not ${action} the entry ${account} (service ${keychainService}): ` +
          `${reason}.`,
        keychainFix(platform),
        {cause: error},
      );
    }
    throwIfCancelled(signal);
    return result;
  }

  return {
    available: true,
    get: (account, signal) =>
      call('read', account, signal, () => keytar.getPassword(keychainService, account)),
    set: (account, secret, signal) =>
      call('store', account, signal, () => keytar.setPassword(keychainService, account, secret)),
    delete: (account, signal) =>
      call('delete', account, signal, () => keytar.deletePassword(keychainService, account)),
  };
}

/**
 * Opens the OS keychain through keytar and proves it works with a write probe. A machine without
 * keytar, without a Secret Service or with a locked keyring gets `available: false` with the
 * reason and the fix for its platform; only cancelling throws.
 */
export async function openKeychain(
  options: OpenKeychainOptions = {},
): Promise<Keychain | KeychainUnavailable> {
  const {signal, platform = process.platform, loadKeytar = requireKeytar} = options;
  throwIfCancelled(signal);

  let keytar: KeytarApi;
  try {
    keytar = loadKeytar();
  } catch (error) {
    return loadFailure(error, platform);
  }

  try {
    await withinDeadline(probe(keytar), options.probeTimeoutMs ?? defaultProbeTimeoutMs, signal);
  } catch (error) {
    if (error instanceof BindError && error.errorClass === 'cancelled') throw error;
    return {
      available: false,
      reason: describeKeychainFailure(error, platform),
      fix: keychainFix(platform),
    };
  }

  return adapter(keytar, platform);
}
