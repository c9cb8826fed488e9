import type {TextFieldId} from './form.js';
import type {MachineState, RotatedSecret} from './machine-state.js';

/** Whether the site's Exchange signs in as an app with a client secret, not an account. */
export function exchangeUsesOauth(state: Pick<MachineState, 'choices'>): boolean {
  return state.choices.authScheme === 'oauth';
}

/**
 * Where a re-bind's new secret goes: the re-bind screen types it in the shared password field,
 * and a service account's lands in that account's own field when the re-bind runs. For an
 * Exchange that signs in with OAuth, what rotates is the app's client secret.
 */
export function rotatedFieldOf(
  state: Pick<MachineState, 'choices'>,
  changed: Exclude<RotatedSecret, 'mimecast'>,
): TextFieldId {
  if (changed === 'directory') return 'directoryPassword';
  return exchangeUsesOauth(state) ? 'exchangeClientSecret' : 'exchangePassword';
}

/** The re-bind screen's password field holding what was typed there for `changed`. */
export function withRotatedPasswordTyped(state: MachineState, changed: RotatedSecret) {
  if (changed === 'mimecast') return state.fields;
  return {...state.fields, password: state.fields[rotatedFieldOf(state, changed)]};
}

/** The re-bind choice a failed field belongs to, or null for a field outside the re-bind. */
export function secretOfField(field: string): RotatedSecret | null {
  if (field === 'password' || field === 'email') return 'mimecast';
  if (field === 'directoryPassword') return 'directory';
  if (field === 'exchangePassword' || field === 'exchangeClientSecret') return 'exchange';
  return null;
}
