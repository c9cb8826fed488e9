/**
 * A port as typed: decimal digits only, 1 to 65535, or null. Number() alone would also take
 * `0x185`, `+389`, `389.0` or `3.89e2` and quietly use 389.
 */
export function parsePort(typed: string): number | null {
  const text = typed.trim();
  if (!/^\d{1,5}$/.test(text)) return null;
  const port = Number(text);
  return port >= 1 && port <= 65_535 ? port : null;
}
