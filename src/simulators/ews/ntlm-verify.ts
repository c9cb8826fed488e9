import {createHmac, timingSafeEqual} from 'node:crypto';

import md4 from 'js-md4';

/** The NT hash: MD4 over the UTF-16LE password (pure JavaScript: OpenSSL 3 refuses MD4). */
export function ntHash(password: string): Buffer {
  return Buffer.from(md4.create().update(Buffer.from(password, 'utf16le')).arrayBuffer());
}

export type NtlmV2Proof = {
  readonly password: string;
  /** User and domain exactly as the authenticate message carried them. */
  readonly user: string;
  readonly domain: string;
  readonly serverChallenge: Buffer;
  readonly ntResponse: Buffer;
};

/**
 * Checks an NTLMv2 response (MS-NLMP 3.3.2): the key is HMAC-MD5 of the NT hash over the upper
 * cased user and the domain, and the first 16 bytes must be HMAC-MD5 of that key over the
 * server's challenge and the rest of the response (the client's blob). An NTLMv1 response
 * (24 bytes) never passes, as on a server that accepts NTLMv2 only.
 */
export function verifyNtlmV2(proof: NtlmV2Proof): boolean {
  const {ntResponse} = proof;
  if (ntResponse.length <= 24) return false;

  const proofStr = ntResponse.subarray(0, 16);
  const blob = ntResponse.subarray(16);
  if (blob[0] !== 1 || blob[1] !== 1) return false;

  const identity = Buffer.from(proof.user.toUpperCase() + proof.domain, 'utf16le');
  const key = createHmac('md5', ntHash(proof.password)).update(identity).digest();
  const expected = createHmac('md5', key)
    .update(Buffer.concat([proof.serverChallenge, blob]))
    .digest();
  return timingSafeEqual(expected, proofStr);
}
