import {constants} from 'node:os';
import {render} from 'ink';
import {App} from '../app.js';
import type {AppServices} from '../app-services.js';
import type {MachineState} from '../bind/machine.js';
import {claimTerminal, releaseTerminal} from './terminal-screen.js';
import {onOutputLost} from './output-loss.js';
import {exitCodes} from '../bind/errors.js';

/** How long the way out after a signal may take before the process is ended regardless. */
const signalGraceMs = 3_000;

/**
 * Runs the wizard on the alternate screen and restores the terminal on every way out: normal
 * exit, Ctrl+C (handled by the app, which cancels a running bind first), signals and crashes.
 * A signal (a closed SSH session sends SIGHUP) unmounts the app, which cancels a running bind,
 * and returns 128 + its number, so that the caller's own clean-up (the demo's temporary
 * directory and simulators) still runs. A screen that can no longer be written (a terminal gone
 * without a SIGHUP reaching this process) ends it the same way, with the cancel's code.
 */
export async function renderWizard(initial: MachineState, services: AppServices): Promise<number> {
  claimTerminal();
  const instance = render(<App initial={initial} services={services} />, {
    exitOnCtrlC: false,
    patchConsole: false,
  });
  let signalled: number | null = null;
  // Writes to a terminal that is gone fail; the output guard (output-loss.ts) drops them, so
  // they do not end the clean-up.
  const end = (code: number) => {
    if (signalled !== null) return;
    signalled = code;
    releaseTerminal();
    instance.unmount();
    setTimeout(() => process.exit(code), signalGraceMs).unref();
  };
  const onSignal = (signal: NodeJS.Signals) => end(128 + constants.signals[signal]);
  process.once('SIGTERM', onSignal);
  process.once('SIGHUP', onSignal);
  process.once('SIGINT', onSignal);
  const stopWatchingOutput = onOutputLost(() => end(exitCodes.cancelled));

  let exitCode = 0;
  try {
    const result = await instance.waitUntilExit();
    if (typeof result === 'number') exitCode = result;
  } finally {
    instance.cleanup();
    releaseTerminal();
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('SIGINT', onSignal);
    stopWatchingOutput();
  }
  return signalled ?? exitCode;
}
