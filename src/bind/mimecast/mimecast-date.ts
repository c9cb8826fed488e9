/**
 * The `x-mc-date` header value: RFC 1123 with a literal `UTC` suffix, e.g.
 * `Tue, 24 Nov 2015 12:50:11 UTC`, as the API 1.0 authorization page writes it.
 */
export function formatMimecastDate(date: Date): string {
  // toUTCString gives the same fields with a `GMT` suffix; only the suffix differs.
  return date.toUTCString().replace(/GMT$/, 'UTC');
}
