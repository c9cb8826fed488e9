import {BindError} from './errors.js';
import type {checkBinding, TransportOptions} from './mimecast/index.js';
import type {BindingRecord} from '../storage/binding-record.js';

/**
 * Step 2 of a service-account re-bind: no administrator signs in, so the saved binding must
 * still work as it is. A binding Mimecast refuses sends the administrator back to a re-bind
 * with the Mimecast password.
 */
export async function confirmSavedBinding(
  saved: BindingRecord | null,
  appKey: string,
  check: typeof checkBinding,
  transport: TransportOptions,
) {
  if (!saved) {
    throw new BindError(
      'input',
      'There is no saved binding to keep, so the Mimecast administrator must sign in.',
      'Re-bind with the Mimecast administrator password.',
      {setting: 'password'},
    );
  }

  try {
    const account = await check({
      ...transport,
      regionApi: saved.account.regionApi,
      appId: saved.binding.appId,
      appKey,
      binding: saved.binding,
    });
    const value = {binding: saved.binding, account};
    return {fact: `Saved binding still valid for ${account.name} (${account.code})`, value};
  } catch (error) {
    if (!(error instanceof BindError)) throw error;
    if (error.errorClass !== 'credentials' && error.errorClass !== 'account-state') throw error;
    throw new BindError(
      error.errorClass,
      `The saved binding no longer works: ${error.message}`,
      'Re-bind with the Mimecast administrator password (choose "Mimecast administrator").',
      {cause: error, setting: 'password'},
    );
  }
}
