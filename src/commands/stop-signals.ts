/**
 * Ctrl+C (SIGINT), a service manager's stop (SIGTERM) and a closed SSH session (SIGHUP) all
 * cancel a command that changes the binding, so that it ends through its own clean-up: a
 * binding registered but not yet saved is logged out again, and nothing is half written.
 * Returns the function that removes the handlers.
 */
export function cancelOnStopSignals(cancel: () => void): () => void {
  const onHangUp = () => {
    // After a hang-up the terminal is gone: writing to it fails, and must not end the clean-up.
    process.stdout.on('error', () => undefined);
    process.stderr.on('error', () => undefined);
    cancel();
  };
  process.once('SIGINT', cancel);
  process.once('SIGTERM', cancel);
  process.once('SIGHUP', onHangUp);
  return () => {
    process.off('SIGINT', cancel);
    process.off('SIGTERM', cancel);
    process.off('SIGHUP', onHangUp);
  };
}
