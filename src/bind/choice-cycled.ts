import type {ChoiceFieldId} from './form.js';
import {directoryAfterTypeChange, formFields, portAfterTlsChange} from './form.js';
import type {MachineState} from './machine-state.js';
import {fieldFromValue} from '../components/text-field-state.js';

function cycle(options: readonly {value: string}[], current: string, direction: 1 | -1): string {
  const index = options.findIndex((option) => option.value === current);
  const next = (index + direction + options.length) % options.length;
  return options[next]?.value ?? current;
}

/**
 * A choice field moved to its next or previous option. The directory type brings its usual TLS
 * mode and port, and a TLS mode its port, unless the administrator chose their own (form.ts).
 */
export function choiceCycled(
  state: MachineState,
  id: ChoiceFieldId,
  direction: 1 | -1,
): MachineState {
  const field = formFields.find((candidate) => candidate.id === id);
  if (!field || field.kind !== 'choice') return state;
  const value = cycle(field.options, state.choices[id], direction);
  const choices = {...state.choices, [id]: value};

  if (id === 'directoryType') {
    const directory = directoryAfterTypeChange(
      {tlsMode: state.choices.tlsMode, port: state.fields.directoryPort.value},
      state.choices.directoryType,
      value,
    );
    return {
      ...state,
      choices: {...choices, tlsMode: directory.tlsMode},
      fields: {...state.fields, directoryPort: fieldFromValue(directory.port)},
    };
  }

  if (id !== 'tlsMode') return {...state, choices};
  const port = portAfterTlsChange(state.fields.directoryPort.value, state.choices.tlsMode, value);
  return {...state, choices, fields: {...state.fields, directoryPort: fieldFromValue(port)}};
}
