/** Mimecast API 1.0 client: discovery, binding (login), signed calls, logout. */
export {findAccount, type FindAccountArgs, type FoundAccount} from './discover.js';
export {
  registerBinding,
  type RegisterBindingArgs,
  type RegisteredBinding,
} from './register-binding.js';
export {login, type LoginArgs} from './login.js';
export {getAccount} from './get-account.js';
export {checkBinding} from './check-binding.js';
export {logout} from './logout.js';
export type {SignedCallArgs} from './signed-call-args.js';
export {defaultTimeoutMs, type TransportOptions} from './call-mimecast.js';
export {defaultRetryPolicy, type RetryPolicy} from './retry-policy.js';
export {mimecastErrorCodes} from './inferred-behaviour.js';
export {signRequest, hmacSha1Base64, type SignatureInput} from './signing.js';
export {formatMimecastDate} from './mimecast-date.js';
export {classifyResponse, type MimecastReply} from './classify-response.js';
export type {MimecastAccount, MimecastBinding, MimecastRealm} from './types.js';
