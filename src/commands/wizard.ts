import type {CommonOptions} from '../cli.js';
import {refuseWithoutTerminal} from './no-tty.js';
import {renderWizard} from './render-wizard.js';
import {defaultHealthIntervalSeconds, wizardServices} from './wizard-services.js';
import {initialState} from '../bind/machine.js';
import {formValuesFrom} from '../bind/form.js';
import {emptySecrets, emptySettings} from '../bind/settings.js';
import {readSettingsFile} from '../bind/settings-file.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {withRememberedKeyFileConsent} from '../storage/key-file-consent.js';
import {loadBinding} from '../storage/binding-store.js';
import {checkKeyStorage} from '../storage/key-storage-check.js';

/**
 * The full-screen wizard. Before the first frame it checks what would otherwise fail at the very
 * end: that the encrypted store can hold a key, and that a saved binding can be read.
 */
export async function runWizard(options: CommonOptions): Promise<number> {
  const refused = refuseWithoutTerminal('mse-bind');
  if (refused !== null) return refused;

  const store = await withRememberedKeyFileConsent({
    stateDir: resolveStateDir(options.stateDir),
    allowKeyFile: options.allowKeyFile,
  });
  const keyWarning = await checkKeyStorage(store);
  const existing = await loadBinding(store);
  const settings = options.config
    ? await readSettingsFile(options.config)
    : (existing?.settings ?? emptySettings());
  const secrets = existing?.secrets ?? emptySecrets();

  const services = wizardServices({
    store,
    existing,
    intervalSeconds: options.intervalSeconds ?? defaultHealthIntervalSeconds,
    demo: null,
    warning: keyWarning,
  });
  // A bound site opens on its engine (the play control and its health), as the engine's old
  // utility did; S goes to the settings, R re-binds. New settings from a file open the form.
  const openOnEngine = existing !== null && !options.config;
  const initial = initialState({
    values: formValuesFrom(settings, secrets),
    email: existing?.binding.boundBy,
    engineState: existing?.engine.state,
    screen: openOnEngine ? 'activation' : 'settings',
    notice: existing
      ? `Saved binding of ${existing.settings.siteName} loaded; S edits its settings.`
      : null,
  });
  return renderWizard(initial, services);
}
