import {BindError} from '../bind/errors.js';
import {logout} from '../bind/mimecast/index.js';
import type {BindingRecord} from '../storage/binding-record.js';
import type {StoreOptions} from '../storage/binding-store.js';
import type {PendingBinding} from '../storage/pending-binding.js';
import {loadPendingBindings} from '../storage/pending-store.js';
import type {SettingsFlags} from './settings-flags.js';

const logoutTimeoutMs = 10_000;

/** What failed binds left, or the reason it cannot be read (it is removed all the same). */
export type LeftBindings =
  | {readonly readable: true; readonly bindings: readonly PendingBinding[]}
  | {readonly readable: false; readonly reason: string};

export async function readLeftBindings(store: StoreOptions): Promise<LeftBindings> {
  try {
    return {readable: true, bindings: await loadPendingBindings(store)};
  } catch (error) {
    if (!(error instanceof BindError) || error.errorClass === 'cancelled') throw error;
    return {readable: false, reason: error.message};
  }
}

export function hasLeftBindings(left: LeftBindings): boolean {
  return !left.readable || left.bindings.length > 0;
}

/**
 * The application keys to sign a left binding's logout with: the saved site's first, which
 * has worked (the left binding's own key is often why it was left), then its own.
 */
function appKeysFor(entry: PendingBinding, saved: BindingRecord | null): string[] {
  const savedKey = saved?.binding.appId === entry.binding.appId ? saved.secrets.appKey : null;
  return [...new Set([savedKey, entry.appKey].filter((key): key is string => !!key))];
}

async function logOutOne(
  entry: PendingBinding,
  saved: BindingRecord | null,
  overrides: SettingsFlags,
  signal: AbortSignal,
): Promise<string> {
  const network = {
    ...entry.network,
    caFile: overrides['ca-file'] ?? entry.network.caFile,
    proxyUrl: overrides.proxy ?? entry.network.proxyUrl ?? '',
  };
  const who = `The binding a failed bind left for ${entry.binding.boundBy}`;
  let refusal = '';
  for (const appKey of appKeysFor(entry, saved)) {
    try {
      await logout({
        regionApi: entry.regionApi,
        appId: entry.binding.appId,
        appKey,
        binding: entry.binding,
        signal: AbortSignal.any([signal, AbortSignal.timeout(logoutTimeoutMs)]),
        network,
      });
      return `${who} was logged out at Mimecast.`;
    } catch (error) {
      if (!(error instanceof BindError) || error.errorClass === 'cancelled') throw error;
      refusal = error.message;
    }
  }
  return (
    `${who} could not be logged out (${refusal.replace(/\.$/, '')}); it stays at Mimecast ` +
    'until its TTL ends.'
  );
}

/**
 * Logs out, one by one, the bindings failed binds left at Mimecast: sentences saying what
 * became of each. A binding that cannot be logged out is forgotten all the same: unbinding
 * means nothing here should name it any more.
 */
export async function logOutLeftBindings(
  left: LeftBindings,
  saved: BindingRecord | null,
  overrides: SettingsFlags,
  signal: AbortSignal,
): Promise<string[]> {
  if (!left.readable) {
    return [`The record of bindings failed binds left could not be read: ${left.reason}`];
  }
  const sentences: string[] = [];
  for (const entry of left.bindings) {
    sentences.push(await logOutOne(entry, saved, overrides, signal));
  }
  return sentences;
}
