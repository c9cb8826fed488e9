import type {ErrorClass} from './errors.js';
import type {FormFieldId} from './form.js';
import {formFields} from './form.js';
import type {StepId} from './steps.js';

/**
 * Where the administrator most likely has to make a change after a failed step: the result
 * screen's "fix" key goes straight to this field, with everything typed so far kept.
 */
export function failureField(
  step: StepId,
  errorClass: ErrorClass,
  setting?: string,
): FormFieldId | 'email' | 'password' {
  if (setting === 'email' || setting === 'password') return setting;
  const named = formFields.find((field) => field.id === setting);
  if (named) return named.id;

  switch (step) {
    case 1:
      if (errorClass === 'not-found' || errorClass === 'input') return 'email';
      if (errorClass === 'credentials' || errorClass === 'permission') return 'appId';
      return 'discoveryUrl';
    case 2:
      if (errorClass === 'credentials' || errorClass === 'auth-scheme') return 'password';
      if (errorClass === 'permission' || errorClass === 'account-state') return 'email';
      if (errorClass === 'input') return 'appKey';
      return 'discoveryUrl';
    case 3:
      if (errorClass === 'credentials' || errorClass === 'account-state')
        return 'directoryPassword';
      if (errorClass === 'not-found' || errorClass === 'permission') return 'baseDn';
      if (errorClass === 'tls' || errorClass === 'auth-scheme') return 'tlsMode';
      return 'directoryHost';
    case 4:
      if (errorClass === 'credentials' || errorClass === 'account-state') return 'exchangePassword';
      if (errorClass === 'not-found') return 'mailbox';
      if (errorClass === 'permission') return 'accessMode';
      if (errorClass === 'auth-scheme') return 'authScheme';
      if (errorClass === 'tls') return 'caFile';
      return 'ewsUrl';
    case 5:
      return 'password';
    default: {
      const exhaustive: never = step;
      return exhaustive;
    }
  }
}
