import {getAccount} from './get-account.js';
import type {SignedCallArgs} from './signed-call-args.js';
import type {MimecastAccount} from './types.js';

/**
 * The engine's health check of a saved binding: a signed get-account. An expired binding
 * (HTTP 418, err_xdk_binding_expired) fails with class 'account-state' and a re-bind fix; a
 * revoked binding or a wrong application key with class 'credentials'. Pass the saved site's
 * `network` settings (CA file, proxy) so the check takes the same path as the bind.
 */
export function checkBinding(args: SignedCallArgs): Promise<MimecastAccount> {
  return getAccount(args);
}
