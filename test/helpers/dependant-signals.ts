/**
 * How many signals made by AbortSignal.any Node still keeps a reference to on `signal`. Node
 * holds them in a set under an internal symbol, not in its listeners, so getEventListeners
 * does not see them; 0 where a Node version keeps no such set.
 */
export function dependantSignalCount(signal: AbortSignal): number {
  const key = Object.getOwnPropertySymbols(signal).find(
    (symbol) => symbol.description === 'kDependantSignals',
  );
  if (key === undefined) return 0;
  // Node's own Set, from its internal realm: `instanceof Set` is false for it.
  const set = (signal as unknown as Record<symbol, {size?: unknown} | undefined>)[key];
  return typeof set?.size === 'number' ? set.size : 0;
}
