import {render} from 'ink';
import {App} from '../app.js';
import type {AppServices} from '../app-services.js';
import type {MachineState} from '../bind/machine.js';

const enterAlternateScreen = '\u001B[?1049h\u001B[H';
const leaveAlternateScreen = '\u001B[?25h\u001B[?1049l';

/**
 * Runs the wizard on the alternate screen and restores the terminal on every way out: normal
 * exit, Ctrl+C (handled by the app, which cancels a running bind first), signals and crashes.
 */
export async function renderWizard(initial: MachineState, services: AppServices): Promise<number> {
  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    process.stdout.write(leaveAlternateScreen);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    process.exit(signal === 'SIGINT' ? 130 : 143);
  };
  process.on('exit', restore);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGINT', onSignal);

  process.stdout.write(enterAlternateScreen);
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
    process.off('exit', restore);
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
  }
  return exitCode;
}
