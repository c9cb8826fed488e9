/** A signal for one health cycle, and the release that detaches it from the engine's. */
export type CycleSignal = {
  readonly signal: AbortSignal;
  release(): void;
};

/**
 * A signal that aborts when the engine's does, for the calls of one cycle only. The clients
 * combine the signal they are given with their own deadlines (AbortSignal.any), and Node keeps
 * a reference to every signal so combined on the one it was given, for as long as that one
 * lives: given the engine's, they would pile up for as long as the engine runs. Given this
 * one, they go with it when the cycle ends.
 */
export function cycleSignal(engine: AbortSignal): CycleSignal {
  const cycle = new AbortController();
  const forward = () => cycle.abort(engine.reason);
  if (engine.aborted) forward();
  else engine.addEventListener('abort', forward, {once: true});
  return {
    signal: cycle.signal,
    release: () => engine.removeEventListener('abort', forward),
  };
}
