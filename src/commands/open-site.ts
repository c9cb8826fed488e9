import {BindError} from '../bind/errors.js';
import type {CommonOptions} from '../cli.js';
import type {AppServices} from '../app-services.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {withRememberedKeyFileConsent} from '../storage/key-file-consent.js';
import {loadBinding} from '../storage/binding-store.js';
import type {BindingRecord} from '../storage/binding-record.js';
import {checkKeyStorage} from '../storage/key-storage-check.js';
import {defaultHealthIntervalSeconds, wizardServices} from './wizard-services.js';

export type OpenSite = {
  readonly existing: BindingRecord | null;
  readonly services: AppServices;
};

/**
 * What the full-screen commands share before their first frame: the saved binding read, and a
 * check of what would otherwise fail at the very end, that the encrypted store can hold a key.
 */
export async function openSite(
  options: CommonOptions,
  mustBeBound: true,
): Promise<OpenSite & {readonly existing: BindingRecord}>;
export async function openSite(options: CommonOptions): Promise<OpenSite>;
export async function openSite(options: CommonOptions, mustBeBound = false): Promise<OpenSite> {
  const store = await withRememberedKeyFileConsent({
    stateDir: resolveStateDir(options.stateDir),
    allowKeyFile: options.allowKeyFile,
  });
  const existing = await loadBinding(store);
  // Nothing to re-bind is the news, whatever the keychain's state.
  if (mustBeBound && !existing) {
    throw new BindError(
      'not-found',
      `Nothing is bound in ${store.stateDir}, so there is nothing to re-bind.`,
      'Run `mse-bind` to bind the site first.',
    );
  }
  const warning = await checkKeyStorage(store);
  const services = wizardServices({
    store,
    existing,
    intervalSeconds: options.intervalSeconds ?? defaultHealthIntervalSeconds,
    demo: null,
    warning,
  });
  return {existing, services};
}
