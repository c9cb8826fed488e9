import {offersScheme} from './www-authenticate.js';

/**
 * `, or choose Basic` for the fix of a failed NTLM sign-in, but only when the server offered
 * Basic: advice to change the scheme names one the server takes. NTLM runs only when Basic is
 * not the scheme chosen, so this never names the scheme in use.
 */
export function orChooseBasic(offered: readonly string[]): string {
  return offersScheme(offered, 'Basic') ? ', or choose Basic' : '';
}
