import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {CommonOptions} from '../cli.js';
import {refuseWithoutTerminal} from './no-tty.js';
import {renderWizard} from './render-wizard.js';
import {wizardServices} from './wizard-services.js';
import {startDemoSimulators} from '../simulators/start-all.js';
import {initialState} from '../bind/machine.js';
import {formValuesFrom} from '../bind/form.js';

const demoIntervalSeconds = 5;

/**
 * The wizard against the three simulators, started in-process with a pre-filled demo site. Its
 * state lives in a temporary directory, with the data key in a key file there, so the demo
 * works on a machine without a keychain and never touches a real binding.
 */
export async function runDemo(options: CommonOptions): Promise<number> {
  const refused = refuseWithoutTerminal('mse-bind demo');
  if (refused !== null) return refused;

  const stateDir = await mkdtemp(join(tmpdir(), 'mse-bind-demo-'));
  const simulators = await startDemoSimulators();
  try {
    const store = {stateDir, allowKeyFile: true, keyFileOnly: true};
    const services = wizardServices({
      store,
      existing: null,
      intervalSeconds: options.intervalSeconds ?? demoIntervalSeconds,
      demo: {email: simulators.admin.email},
      // Short enough for 80 columns whatever the temporary path: step 5's fact names it.
      warning: 'Demo: loopback simulators; key file (weaker) in a temp folder removed on exit',
    });
    const initial = initialState({
      values: formValuesFrom(simulators.settings, simulators.secrets),
      screen: 'credentials',
      notice: 'Site settings are pre-filled for the demo; Esc shows them.',
    });
    return await renderWizard(initial, services);
  } finally {
    await simulators.close();
    await rm(stateDir, {recursive: true, force: true});
  }
}
