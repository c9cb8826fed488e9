import type {Key} from 'ink';
import {editField} from './components/text-field-state.js';
import {hasControlCharacter, splitChunk} from './input-chunks.js';
import type {ChunkKey} from './input-chunks.js';
import {formFields} from './bind/form.js';
import type {MachineEvent, MachineState, RotatedSecret} from './bind/machine.js';
import type {HealthCheck} from './engine/health.js';
import {machine, onLastSettingsField} from './bind/machine.js';

/**
 * Keys are turned into machine events here, at the root, against the current state: one input
 * owner for the whole program. A chunk that holds several keys (a paste, SSH type-ahead) is
 * split into them first, and each acts on whatever screen is current by then, so
 * `email⏎password⏎` typed ahead lands in both fields and starts the bind.
 */
export type KeyContext = {readonly now: number};

export function reduceKey(
  state: MachineState,
  input: string,
  key: Key,
  context: KeyContext,
): MachineState {
  const apply = (current: MachineState, one: ChunkKey) =>
    keyToEvents(current, one.input, one.key, context).reduce(machine, current);
  // Ink names a key it recognised on its own (Ctrl+U arrives as ctrl + "u"); anything else
  // holding a control character is a chunk of several keys.
  if (!key.ctrl && !key.meta && hasControlCharacter(input)) {
    return splitChunk(input).reduce(apply, state);
  }
  return apply(state, {input, key});
}

function isCtrl(input: string, key: Key, letter: string): boolean {
  return key.ctrl && input === letter;
}

export function keyToEvents(
  state: MachineState,
  input: string,
  key: Key,
  context: KeyContext,
): MachineEvent[] {
  if (isCtrl(input, key, 'c')) {
    const quit: MachineEvent = {type: 'quit-requested', interrupted: true};
    return state.screen === 'binding' ? [{type: 'bind-cancelled'}, quit] : [quit];
  }

  switch (state.screen) {
    case 'settings':
      return settingsKeys(state, input, key);
    case 'credentials':
      return credentialsKeys(state, input, key, context);
    case 'rebind':
      return rebindKeys(state, input, key, context);
    case 'binding':
      return key.escape ? [{type: 'bind-cancelled'}] : [];
    case 'result':
      return resultKeys(state, input, key, context);
    case 'activation':
      if (key.return || input === ' ') return [{type: 'engine-toggled'}];
      if (input === 'r' || input === 'R') {
        return [{type: 'rebind-requested', changed: secretToRotate(state)}];
      }
      if (input === 's' || input === 'S') return [{type: 'settings-requested'}];
      if (input === 'q' || input === 'Q') return [{type: 'quit-requested'}];
      return [];
    default: {
      const exhaustive: never = state.screen;
      return exhaustive;
    }
  }
}

function settingsKeys(state: MachineState, input: string, key: Key): MachineEvent[] {
  const field = formFields[state.settingsFocus];
  if (!field) return [];
  if (key.pageDown) return [{type: 'settings-submitted'}];
  if (key.escape) return [{type: 'back'}];
  // Shift+Tab where the terminal reports it (Windows consoles send a plain Tab, inferred from
  // libuv); Up is the way back the hints show.
  if (key.upArrow || (key.tab && key.shift)) return [{type: 'focus-moved', direction: -1}];
  if (key.downArrow || key.tab) return [{type: 'focus-moved', direction: 1}];
  if (key.return) {
    return onLastSettingsField(state)
      ? [{type: 'settings-submitted'}]
      : [{type: 'focus-moved', direction: 1}];
  }
  if (field.kind === 'choice') {
    if (key.leftArrow) return [{type: 'choice-cycled', field: field.id, direction: -1}];
    if (key.rightArrow || input === ' ') {
      return [{type: 'choice-cycled', field: field.id, direction: 1}];
    }
    return [];
  }
  const edited = editField(state.fields[field.id], input, key);
  return [{type: 'field-edited', field: field.id, state: edited.state}];
}

function credentialsKeys(
  state: MachineState,
  input: string,
  key: Key,
  context: KeyContext,
): MachineEvent[] {
  if (key.escape) return [{type: 'back'}];
  if (key.upArrow || key.downArrow || key.tab) return [{type: 'focus-moved', direction: 1}];
  if (key.return) {
    return state.credentialsFocus === 'email'
      ? [{type: 'focus-moved', direction: 1}]
      : [{type: 'credentials-submitted', at: context.now}];
  }
  const id = state.credentialsFocus;
  const edited = editField(state.fields[id], input, key);
  return [{type: 'field-edited', field: id, state: edited.state}];
}

function rebindKeys(
  state: MachineState,
  input: string,
  key: Key,
  context: KeyContext,
): MachineEvent[] {
  if (key.upArrow || (key.tab && key.shift)) {
    return [{type: 'rebind-choice-moved', direction: -1}];
  }
  if (key.downArrow || key.tab) return [{type: 'rebind-choice-moved', direction: 1}];
  if (key.return) return [{type: 'rebind-submitted', at: context.now}];
  if (key.escape) return [{type: 'back'}];
  const edited = editField(state.fields.password, input, key);
  return [{type: 'field-edited', field: 'password', state: edited.state}];
}

/** The password the last health cycle found refused, the Mimecast one when none was. */
function secretToRotate(state: MachineState): RotatedSecret {
  const checks = state.engine.health?.checks;
  const refused = (check: HealthCheck | undefined) =>
    check !== undefined &&
    !check.ok &&
    (check.errorClass === 'credentials' || check.errorClass === 'account-state');
  if (refused(checks?.binding)) return 'mimecast';
  if (refused(checks?.directory)) return 'directory';
  if (refused(checks?.exchange)) return 'exchange';
  return 'mimecast';
}

function resultKeys(
  state: MachineState,
  input: string,
  key: Key,
  context: KeyContext,
): MachineEvent[] {
  if (state.outcome?.ok) {
    return key.return || key.escape ? [{type: 'result-closed'}] : [];
  }
  if (key.return || input === 'f' || input === 'F') return [{type: 'failure-fix-requested'}];
  if (input === 'r' || input === 'R') return [{type: 'retry-requested', at: context.now}];
  if (key.escape) return [{type: 'back'}];
  if (input === 'q' || input === 'Q') return [{type: 'quit-requested'}];
  return [];
}
