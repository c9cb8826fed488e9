import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {directoryTypeDefaults} from '../../src/bind/directory/type-defaults.js';
import {formValuesFrom} from '../../src/bind/form.js';
import {initialState, machine, type MachineState} from '../../src/bind/machine.js';
import {emptySecrets, emptySettings} from '../../src/bind/settings.js';
import {validValues} from '../helpers/machine-fixtures.js';

const cycleType = (state: MachineState, direction: 1 | -1 = 1): MachineState =>
  machine(state, {type: 'choice-cycled', field: 'directoryType', direction});

const directoryOf = (state: MachineState) => ({
  type: state.choices.directoryType,
  tlsMode: state.choices.tlsMode,
  port: state.fields.directoryPort.value,
});

describe('choosing the directory type in the settings form', () => {
  it("starts a new site with Active Directory's own defaults", () => {
    const {directory} = emptySettings();
    assert.deepEqual(
      {tlsMode: directory.tlsMode, port: directory.port},
      directoryTypeDefaults('active-directory'),
    );
  });

  it("brings each type's TLS mode and port while the defaults are untouched", () => {
    let state = initialState({values: formValuesFrom(emptySettings(), emptySecrets())});
    assert.deepEqual(directoryOf(state), {type: 'active-directory', tlsMode: 'ldaps', port: '636'});
    state = cycleType(state);
    assert.deepEqual(directoryOf(state), {type: 'ldap', tlsMode: 'starttls', port: '389'});
    state = cycleType(state);
    assert.deepEqual(directoryOf(state), {type: 'domino', tlsMode: 'ldaps', port: '636'});
    state = cycleType(state);
    assert.deepEqual(directoryOf(state), {type: 'active-directory', tlsMode: 'ldaps', port: '636'});
    state = cycleType(state, -1);
    assert.deepEqual(directoryOf(state), {type: 'domino', tlsMode: 'ldaps', port: '636'});
  });

  it('fills an empty port with the default of the TLS mode it brings', () => {
    const state = initialState({
      values: validValues({directoryType: 'active-directory', directoryPort: ' '}),
    });
    assert.deepEqual(directoryOf(cycleType(state)), {
      type: 'ldap',
      tlsMode: 'starttls',
      port: '389',
    });
  });

  it('keeps a TLS mode the administrator chose, and the port that goes with it', () => {
    const chosen = initialState({
      values: validValues({
        directoryType: 'active-directory',
        tlsMode: 'none',
        directoryPort: '389',
      }),
    });
    assert.deepEqual(directoryOf(cycleType(chosen)), {type: 'ldap', tlsMode: 'none', port: '389'});
  });

  it('keeps a port the administrator typed, moving only the TLS mode', () => {
    const typed = initialState({
      values: validValues({directoryType: 'active-directory', directoryPort: '3269'}),
    });
    assert.deepEqual(directoryOf(cycleType(typed)), {
      type: 'ldap',
      tlsMode: 'starttls',
      port: '3269',
    });
  });
});
