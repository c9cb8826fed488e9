import type {TextFieldId} from './form.js';
import type {MachineState, RotatedSecret} from './machine-state.js';

/**
 * Where a re-bind's new password goes: the re-bind screen types it in the shared password
 * field, and a service account's lands in that account's own field when the re-bind runs.
 */
export const rotatedField = {
  directory: 'directoryPassword',
  exchange: 'exchangePassword',
} as const satisfies Record<Exclude<RotatedSecret, 'mimecast'>, TextFieldId>;

/** The re-bind screen's password field holding what was typed there for `changed`. */
export function withRotatedPasswordTyped(state: MachineState, changed: RotatedSecret) {
  if (changed === 'mimecast') return state.fields;
  return {...state.fields, password: state.fields[rotatedField[changed]]};
}

/** The re-bind choice a failed field belongs to, or null for a field outside the re-bind. */
export function secretOfField(field: string): RotatedSecret | null {
  if (field === 'password' || field === 'email') return 'mimecast';
  if (field === 'directoryPassword') return 'directory';
  if (field === 'exchangePassword') return 'exchange';
  return null;
}
