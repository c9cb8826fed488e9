import type {CommonOptions} from '../cli.js';
import {refuseWithoutTerminal} from './no-tty.js';
import {openSite} from './open-site.js';
import {renderWizard} from './render-wizard.js';
import {initialState} from '../bind/machine.js';
import {formValuesFrom} from '../bind/form.js';
import {emptySecrets, emptySettings} from '../bind/settings.js';
import {readSettingsFile} from '../bind/settings-file.js';

/** The full-screen wizard: a new site's settings, or a bound site's engine. */
export async function runWizard(options: CommonOptions): Promise<number> {
  const refused = refuseWithoutTerminal('mse-bind', options.stateDir);
  if (refused !== null) return refused;

  const {existing, services} = await openSite(options);
  const settings = options.config
    ? await readSettingsFile(options.config)
    : (existing?.settings ?? emptySettings());
  const secrets = existing?.secrets ?? emptySecrets();

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
