import type {CommonOptions} from '../cli.js';
import {refuseWithoutTerminal} from './no-tty.js';
import {openSite} from './open-site.js';
import {renderWizard} from './render-wizard.js';
import {initialState} from '../bind/machine.js';
import {formValuesFrom} from '../bind/form.js';

/**
 * The quick re-bind after a password rotation: straight to "which password changed?", with
 * everything else loaded from the saved binding.
 */
export async function runRebind(options: CommonOptions): Promise<number> {
  const refused = refuseWithoutTerminal('mse-bind rebind', options.stateDir);
  if (refused !== null) return refused;

  const {existing, services} = await openSite(options, true);
  const initial = initialState({
    values: formValuesFrom(existing.settings, existing.secrets),
    email: existing.binding.boundBy,
    engineState: existing.engine.state,
    rebind: 'mimecast',
  });
  return renderWizard(initial, services);
}
