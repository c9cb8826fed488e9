/**
 * Standard output or error that can no longer be written: a reader that stopped reading (`| head`,
 * a service log whose pipe died), a full disk, a terminal that is gone. Node reports it as an
 * 'error' event on the stream, which without a listener ends the program with a stack trace,
 * wherever the write was: halfway through a bind, a binding registered at Mimecast and neither
 * saved nor logged out. With the guard installed, such a write is dropped instead and the loss is
 * told to whoever subscribed, so that the command ends as it does on a hang-up.
 */

let guarded = false;
let lost = false;
const listeners = new Set<() => void>();

function onWriteError(): void {
  if (lost) return;
  lost = true;
  for (const listener of [...listeners]) {
    try {
      listener();
    } catch {
      // Nothing can be told any more, and a throw here would be the very crash this prevents.
    }
  }
}

/** Listens for write errors on stdout and stderr for the rest of the process. Safe to call twice. */
export function guardOutput(): void {
  if (guarded) return;
  guarded = true;
  process.stdout.on('error', onWriteError);
  process.stderr.on('error', onWriteError);
}

/** True once a write to stdout or stderr has failed. */
export function outputLost(): boolean {
  return lost;
}

/**
 * Calls `listener` once the output is lost: at once when it already is, since a loss before the
 * subscription ends the command just the same. Returns the function that unsubscribes.
 */
export function onOutputLost(listener: () => void): () => void {
  if (lost) {
    listener();
    return () => undefined;
  }
  listeners.add(listener);
  return () => listeners.delete(listener);
}
