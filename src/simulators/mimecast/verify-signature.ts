import {createHmac, timingSafeEqual} from 'node:crypto';

/** `MC <accessKey>:<signature>`, split; null when the header has another shape. */
export function parseMcAuthorization(
  header: string | undefined,
): {accessKey: string; signature: string} | null {
  const match = /^MC (\S+)$/.exec(header?.trim() ?? '');
  const value = match?.[1] ?? '';
  const colon = value.lastIndexOf(':');
  if (colon < 1 || colon === value.length - 1) return null;
  return {accessKey: value.slice(0, colon), signature: value.slice(colon + 1)};
}

export type SignedRequestFacts = {
  readonly secretKey: string;
  readonly date: string;
  readonly reqId: string;
  /** The request path as received, without the query string. */
  readonly path: string;
  readonly appKey: string;
};

/**
 * Recomputes the signature the way the service does (written independently of the client, so
 * that a mistake in one is caught by the other) and compares in constant time.
 */
export function signatureIsValid(facts: SignedRequestFacts, signature: string): boolean {
  const message = `${facts.date}:${facts.reqId}:${facts.path}:${facts.appKey}`;
  const expected = createHmac('sha1', Buffer.from(facts.secretKey, 'base64'))
    .update(message, 'utf8')
    .digest();
  const given = Buffer.from(signature, 'base64');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
