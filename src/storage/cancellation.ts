import {cancelledError, isAbortError} from '../bind/errors.js';

/** Throws the classified cancellation when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw cancelledError();
}

/** True when a failure is (or was caused by) the caller cancelling. */
export function wasCancelled(error: unknown, signal: AbortSignal | undefined): boolean {
  return signal?.aborted === true || isAbortError(error);
}
