/**
 * Waits `ms`, or less if the signal aborts first; never rejects. The abort listener is removed
 * either way: the engine's signal lives as long as the engine, and a listener left on it by
 * every wait would pile up, one per cycle.
 */
export function waitOrAbort(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, {once: true});
  });
}
