import {exitCodes} from '../bind/errors.js';

/** The wizard needs a keyboard; without a terminal on stdin it says what to use instead. */
export function refuseWithoutTerminal(command: string): number | null {
  if (process.stdin.isTTY && process.stdout.isTTY) return null;
  const which = !process.stdin.isTTY ? 'standard input' : 'standard output';
  process.stderr.write(
    `mse-bind: ${command} is a full-screen program and needs a terminal, but ${which} is not ` +
      'one.\nRun it from an interactive console (RDP, SSH with a terminal, or a local shell).\n' +
      'From a script, bind with `mse-bind bind --non-interactive` (secrets from stdin with ' +
      '--password-stdin, or from MSE_BIND_* variables), re-bind with ' +
      '`mse-bind rebind --non-interactive`, and see the binding with `mse-bind status`.\n',
  );
  return exitCodes.input;
}
