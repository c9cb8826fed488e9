import {exitCodes} from '../bind/errors.js';

/** The wizard needs a keyboard; without a terminal on stdin it says what to use instead. */
export function refuseWithoutTerminal(command: string): number | null {
  if (process.stdin.isTTY && process.stdout.isTTY) return null;
  const which = !process.stdin.isTTY ? 'standard input' : 'standard output';
  process.stderr.write(
    `mse-bind: ${command} is a full-screen program and needs a terminal, but ${which} is not ` +
      'one.\nRun it from an interactive console (RDP, SSH with a terminal, or a local shell).\n' +
      'From a script, use `mse-bind status` to see the saved binding, and `mse-bind simulate` ' +
      'to start the simulators.\n',
  );
  return exitCodes.input;
}
