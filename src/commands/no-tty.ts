import {exitCodes} from '../bind/errors.js';
import {adviceContext, adviceFor} from './advice.js';

/**
 * The wizard needs a keyboard; without a terminal on stdin it says what to use instead, with
 * the --state-dir it was given (`stateDir`), so that those commands act on the same site.
 */
export function refuseWithoutTerminal(command: string, stateDir?: string): number | null {
  if (process.stdin.isTTY && process.stdout.isTTY) return null;
  const which = !process.stdin.isTTY ? 'standard input' : 'standard output';
  const instead =
    'From a script, bind with `mse-bind bind --non-interactive` (secrets from stdin with ' +
    '--password-stdin, or from MSE_BIND_* variables), re-bind with ' +
    '`mse-bind rebind --non-interactive`, and see the binding with `mse-bind status`.';
  process.stderr.write(
    `mse-bind: ${command} is a full-screen program and needs a terminal, but ${which} is not ` +
      'one.\nRun it from an interactive console (RDP, SSH with a terminal, or a local shell).\n' +
      `${adviceFor(instead, adviceContext(stateDir))}\n`,
  );
  return exitCodes.input;
}
