import {cancelledError} from '../errors.js';

/** A phase of the directory check that did not finish within its time budget. */
export class DeadlineError extends Error {
  override readonly name = 'DeadlineError';

  constructor(readonly timeoutMs: number) {
    super(`no answer within ${timeoutMs} ms`);
  }
}

/**
 * Starts `operation` and settles with it, unless `signal` aborts first (rejects with
 * cancelledError()) or `timeoutMs` passes first (rejects with DeadlineError). Either way `onStop`
 * runs so the caller can close its sockets. ldapts takes no AbortSignal, so this is where
 * cancellation reaches it; the abandoned operation's late rejection is swallowed here. Nothing is
 * started once the signal has aborted.
 */
export function guard<T>(
  start: () => Promise<T>,
  options: {signal: AbortSignal; timeoutMs: number; onStop: () => void},
): Promise<T> {
  const {signal, timeoutMs, onStop} = options;
  if (signal.aborted) {
    onStop();
    return Promise.reject(cancelledError());
  }
  const operation = start();
  operation.catch(() => undefined);

  return new Promise<T>((resolve, reject) => {
    const stop = (error: Error): void => {
      cleanUp();
      onStop();
      reject(error);
    };
    const onAbort = (): void => stop(cancelledError());
    const timer = setTimeout(() => stop(new DeadlineError(timeoutMs)), timeoutMs);
    const cleanUp = (): void => {
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
    };
    signal.addEventListener('abort', onAbort, {once: true});
    operation.then(
      (value) => {
        cleanUp();
        resolve(value);
      },
      (error: unknown) => {
        cleanUp();
        reject(error);
      },
    );
  });
}
