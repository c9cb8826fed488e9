/** The first `code` on an error or its causes, as Node and undici set them. */
export function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as {code?: unknown}).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
