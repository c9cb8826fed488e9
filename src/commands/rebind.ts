import {BindError} from '../bind/errors.js';
import type {CommonOptions} from '../cli.js';
import {refuseWithoutTerminal} from './no-tty.js';
import {renderWizard} from './render-wizard.js';
import {defaultHealthIntervalSeconds, wizardServices} from './wizard-services.js';
import {initialState} from '../bind/machine.js';
import {formValuesFrom} from '../bind/form.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {withRememberedKeyFileConsent} from '../storage/key-file-consent.js';
import {loadBinding} from '../storage/binding-store.js';
import {checkKeyStorage} from '../storage/key-storage-check.js';

/**
 * The quick re-bind after a password rotation: straight to "which password changed?", with
 * everything else loaded from the saved binding.
 */
export async function runRebind(options: CommonOptions): Promise<number> {
  const refused = refuseWithoutTerminal('mse-bind rebind');
  if (refused !== null) return refused;

  const store = await withRememberedKeyFileConsent({
    stateDir: resolveStateDir(options.stateDir),
    allowKeyFile: options.allowKeyFile,
  });
  const existing = await loadBinding(store);
  if (!existing) {
    throw new BindError(
      'not-found',
      `Nothing is bound in ${store.stateDir}, so there is nothing to re-bind.`,
      'Run mse-bind to bind the site first.',
    );
  }
  const keyWarning = await checkKeyStorage(store);
  const services = wizardServices({
    store,
    existing,
    intervalSeconds: options.intervalSeconds ?? defaultHealthIntervalSeconds,
    demo: null,
    warning: keyWarning,
  });
  const initial = initialState({
    values: formValuesFrom(existing.settings, existing.secrets),
    email: existing.binding.boundBy,
    engineState: existing.engine.state,
    rebind: 'mimecast',
  });
  return renderWizard(initial, services);
}
