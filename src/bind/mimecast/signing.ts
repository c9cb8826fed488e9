import {createHmac} from 'node:crypto';

/** The four values a signed API 1.0 request covers; the body and query string are not signed. */
export type SignatureInput = {
  /** Base64 secret key of the binding, as login returned it. */
  readonly secretKey: string;
  /** The exact `x-mc-date` header value sent. */
  readonly date: string;
  /** The exact `x-mc-req-id` header value sent. */
  readonly reqId: string;
  /** The request path only, e.g. `/api/account/get-account` (never the full URL). */
  readonly path: string;
  readonly appKey: string;
};

/** base64(HMAC-SHA1(key = base64decode(keyBase64), message = utf8(message))). */
export function hmacSha1Base64(keyBase64: string, message: string): string {
  return createHmac('sha1', Buffer.from(keyBase64, 'base64'))
    .update(message, 'utf8')
    .digest('base64');
}

/** The signature of one request: the four values joined with `:` (never a newline). */
export function signRequest(input: SignatureInput): string {
  const message = [input.date, input.reqId, input.path, input.appKey].join(':');
  return hmacSha1Base64(input.secretKey, message);
}
