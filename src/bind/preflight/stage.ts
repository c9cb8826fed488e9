import {cancelledError} from '../errors.js';

/** A stage that did not finish: its error, or 'timeout'. */
export class StageFailure extends Error {
  override readonly name = 'StageFailure';

  constructor(
    readonly reason: unknown,
    readonly timedOut: boolean,
  ) {
    super(timedOut ? 'timed out' : 'failed', {cause: reason});
  }
}

/**
 * Runs one stage of the pre-check with a deadline and the caller's cancel. `cleanup` runs when
 * the stage is abandoned (cancel or deadline), so no socket outlives it.
 */
export function runStage<T>(
  start: (settle: {resolve(value: T): void; reject(error: unknown): void}) => () => void,
  timeoutMs: number,
  signal: AbortSignal,
): Promise<T> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise<T>((resolve, reject) => {
    let done = false;
    let cleanup = () => {};
    const finish = (settle: () => void, abandon: boolean) => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      signal.removeEventListener('abort', onAbort);
      if (abandon) cleanup();
      settle();
    };
    const onAbort = () => finish(() => reject(cancelledError()), true);
    const timer = setTimeout(
      () => finish(() => reject(new StageFailure(undefined, true)), true),
      timeoutMs,
    );
    signal.addEventListener('abort', onAbort, {once: true});
    cleanup = start({
      resolve: (value) => finish(() => resolve(value), false),
      reject: (error) => finish(() => reject(new StageFailure(error, false)), true),
    });
  });
}

export function errorCode(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth += 1) {
    const code = (current as {code?: unknown}).code;
    if (typeof code === 'string') return code;
    current = (current as {cause?: unknown}).cause;
  }
  return 'no error code';
}
