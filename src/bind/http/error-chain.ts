/**
 * Every error in a failure's chain: the error, its causes, and the attempts of an
 * AggregateError (Node's happy eyeballs tries IPv4 and IPv6 and reports both).
 */
export function errorChain(error: unknown, seen = new Set<unknown>()): object[] {
  if (typeof error !== 'object' || error === null || seen.has(error)) return [];
  seen.add(error);
  const nested = [
    (error as {cause?: unknown}).cause,
    ...((error as {errors?: unknown}).errors instanceof Array
      ? (error as {errors: unknown[]}).errors
      : []),
  ];
  return [error, ...nested.flatMap((inner) => errorChain(inner, seen))];
}

/** The `code` of every error in the chain, outermost first. */
export function errorCodes(error: unknown): string[] {
  return errorChain(error).flatMap((inner) => {
    const code = (inner as {code?: unknown}).code;
    return typeof code === 'string' ? [code] : [];
  });
}
