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
export async function openSite(options: CommonOptions): Promise<OpenSite> {
  const store = await withRememberedKeyFileConsent({
    stateDir: resolveStateDir(options.stateDir),
    allowKeyFile: options.allowKeyFile,
  });
  const existing = await loadBinding(store);
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
