import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import type {MachineEvent, MachineState} from '../../src/bind/machine.js';
import {fieldFromValue, initialState, machine} from '../../src/bind/machine.js';
import {RebindScreen} from '../../src/screens/RebindScreen.js';
import {validValues} from '../helpers/machine-fixtures.js';
import {renderView} from '../helpers/render-view.js';

/** A site whose Exchange signs in as an OAuth app: what rotates there is its client secret. */
function oauthRebind(): MachineState {
  return initialState({
    values: validValues({
      authScheme: 'oauth',
      accessMode: 'impersonation',
      mailbox: 'alice@example.com',
      exchangeTenant: 'example.com',
      exchangeClientId: 'app-5e0c',
      exchangeClientSecret: 'Old-Client-Secret',
    }),
    email: 'admin@example.com',
    rebind: 'exchange',
  });
}

const typed = (value: string): MachineEvent => ({
  type: 'field-edited',
  field: 'password',
  state: fieldFromValue(value),
});

describe('re-bind of an Exchange that signs in with OAuth', () => {
  it('puts the new secret in the client secret, not in the unused password', () => {
    const state = [typed('New-Client-Secret'), {type: 'rebind-submitted', at: 1} as const].reduce(
      machine,
      oauthRebind(),
    );
    assert.equal(state.screen, 'binding');
    assert.equal(state.fields.exchangeClientSecret.value, 'New-Client-Secret');
    assert.equal(state.fields.exchangePassword.value, 'ews-pass');
    assert.equal(state.fields.password.value, '', 'no Mimecast sign-in');
  });

  it('comes back to the re-bind, the refused client secret cleared, when it is refused', () => {
    let state = [typed('New-Client-Secret'), {type: 'rebind-submitted', at: 1} as const].reduce(
      machine,
      oauthRebind(),
    );
    state = machine(state, {
      type: 'bind-finished',
      runId: state.run?.id ?? 0,
      outcome: {
        ok: false,
        step: 4,
        errorClass: 'credentials',
        message: 'm',
        fix: 'f',
        setting: 'exchangeClientSecret',
      },
    });
    const fix = machine(state, {type: 'failure-fix-requested'});
    assert.equal(fix.screen, 'rebind');
    assert.equal(fix.rebind?.changed, 'exchange');
    assert.equal(fix.fields.password.value, '');
  });

  it('asks for the client secret of the app, naming it', () => {
    const screen = renderView(
      <RebindScreen
        state={oauthRebind()}
        who={{mimecast: 'admin@example.com', directory: 'cn=svc', exchange: 'app app-5e0c'}}
        columns={80}
      />,
    );
    assert.match(screen, /\(\*\) Exchange OAuth client secret: app app-5e0c/);
    assert.match(screen, /New client secret for app app-5e0c/);
    assert.doesNotMatch(screen, /Exchange service account/);
  });
});
