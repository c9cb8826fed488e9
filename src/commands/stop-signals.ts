import {onOutputLost} from './output-loss.js';

/**
 * Ctrl+C (SIGINT), a service manager's stop (SIGTERM) and a closed SSH session (SIGHUP) all
 * cancel a command that changes the binding, so that it ends through its own clean-up: a
 * binding registered but not yet saved is logged out again, and nothing is half written. An
 * output that can no longer be written is a hang-up too: the script reading it is gone.
 * Returns the function that removes the handlers.
 */
export function cancelOnStopSignals(cancel: () => void): () => void {
  // Writes that fail after a hang-up are dropped by the output guard (output-loss.ts), so the
  // clean-up is not ended by the terminal being gone.
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  process.once('SIGHUP', cancel);
  const stopWatchingOutput = onOutputLost(cancel);
  return () => {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    process.off('SIGHUP', cancel);
    stopWatchingOutput();
  };
}
