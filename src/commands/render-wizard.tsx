import {render} from 'ink';
import {App} from '../app.js';
import type {AppServices} from '../app-services.js';
import type {MachineState} from '../bind/machine.js';
import {claimTerminal, releaseTerminal} from './terminal-screen.js';

/**
 * Runs the wizard on the alternate screen and restores the terminal on every way out: normal
 * exit, Ctrl+C (handled by the app, which cancels a running bind first), signals and crashes.
 */
export async function renderWizard(initial: MachineState, services: AppServices): Promise<number> {
  const restore = releaseTerminal;
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGINT', onSignal);

  claimTerminal();
  const instance = render(<App initial={initial} services={services} />, {
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let exitCode = 0;
  try {
    const result = await instance.waitUntilExit();
    if (typeof result === 'number') exitCode = result;
  } finally {
    instance.cleanup();
    restore();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
  }
  return exitCode;
}
