import {startDemoSimulators} from '../simulators/start-all.js';
import {writeSettingsFile} from '../bind/settings-file.js';
import {BindError} from '../bind/errors.js';
import {errorCode} from '../storage/file-error.js';
import type {CommonOptions} from '../cli.js';
import {onOutputLost} from './output-loss.js';

/**
 * Starts the simulators alone for scripts and tests: one JSON line on stdout says where they
 * are, then they serve until interrupted, or until that line can no longer be written: the
 * script that was to read it is gone. The credentials it prints are the fixed demo ones,
 * which work nowhere but here.
 */
export async function runSimulate(options: CommonOptions): Promise<number> {
  // Listening before anything is printed: a caller may signal as soon as it reads the summary,
  // and until a listener exists a signal kills the process outright, its CA file left behind.
  const stopped = new Promise<void>((resolve) => {
    const stop = () => resolve();
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
    process.once('SIGHUP', stop);
    // Nobody can read the summary any more: serving on would help no one.
    onOutputLost(stop);
  });
  const simulators = await startDemoSimulators();
  if (options.writeConfig) {
    try {
      await writeSettingsFile(options.writeConfig, simulators.settings);
    } catch (error) {
      // Nothing may keep serving, nor leave its CA behind, when the caller is told it failed.
      await simulators.close();
      throw new BindError(
        'input',
        `The settings file ${options.writeConfig} cannot be written ` +
          `(${errorCode(error) ?? 'error'}); the simulators were stopped.`,
        'Give --write-config the path of a file in a directory that exists and is writable.',
      );
    }
  }
  process.stdout.write(`${JSON.stringify(simulators.summary)}\n`);
  process.stderr.write('mse-bind: simulators running on 127.0.0.1; Ctrl+C stops them.\n');

  await stopped;
  await simulators.close();
  return 0;
}
