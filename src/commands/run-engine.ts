import {exitCodes} from '../bind/errors.js';
import {printable} from '../bind/control-characters.js';
import {adviceContext, adviceFor} from './advice.js';
import type {CommonOptions} from '../cli.js';
import {realDeps} from '../bind/real-deps.js';
import {runHeadlessEngine} from '../engine/headless-engine.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {defaultHealthIntervalSeconds} from './wizard-services.js';
import {onOutputLost} from './output-loss.js';

export type RunOptions = {
  /** Turn the play control on first, as Enter on the engine screen does, and save it. */
  readonly start: boolean;
};

/**
 * `mse-bind run`: the engine's health cycle without a screen, for a Windows service or a
 * systemd unit, logged to stdout with a timestamp a line, until interrupted. Ctrl+C (SIGINT)
 * is a person cancelling it: 130, as everywhere in mse-bind, and so is a hang-up (SIGHUP, the
 * terminal or SSH session it was started from gone), as a hang-up cancels every command. SIGTERM
 * is a service manager stopping the service as it was asked to: 0, so the stop is not logged as
 * a failure. A log that can no longer be written stops it too: checks nobody can read are no
 * service, and the exit is then not 0 (cli.ts), so a service manager restarts it with a working
 * log. A signal ends the log with "engine: stopped".
 */
export async function runEngine(options: CommonOptions, run: RunOptions): Promise<number> {
  const store = {stateDir: resolveStateDir(options.stateDir), allowKeyFile: options.allowKeyFile};
  const advice = adviceContext(options.stateDir);
  // One line per event whatever a setting holds: a service log must not be forgeable.
  // The re-bind the log advises must act on the state directory this service runs on.
  const log = (line: string) =>
    process.stdout.write(`${new Date().toISOString()} ${printable(adviceFor(line, advice))}\n`);
  const controller = new AbortController();
  let interrupted = false;
  const interrupt = () => {
    interrupted = true;
    controller.abort();
  };
  const stop = () => controller.abort();
  process.once('SIGINT', interrupt);
  process.once('SIGHUP', interrupt);
  process.once('SIGTERM', stop);
  const stopWatchingOutput = onOutputLost(stop);

  try {
    const code = await runHeadlessEngine({
      store,
      deps: realDeps(store),
      intervalMs: (options.intervalSeconds ?? defaultHealthIntervalSeconds) * 1000,
      start: run.start,
      signal: controller.signal,
      log,
    });
    return code === 0 && interrupted ? exitCodes.cancelled : code;
  } finally {
    process.off('SIGINT', interrupt);
    process.off('SIGHUP', interrupt);
    process.off('SIGTERM', stop);
    stopWatchingOutput();
  }
}
