import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {MachineEvent, MachineState, RotatedSecret} from '../../src/bind/machine.js';
import {
  engineHalted,
  fieldFromValue,
  initialState,
  machine,
  reboundNotice,
} from '../../src/bind/machine.js';
import type {HealthReport} from '../../src/engine/health.js';
import {formFields} from '../../src/bind/form.js';
import {credentialsState, validValues} from '../helpers/machine-fixtures.js';

function run(state: MachineState, ...events: MachineEvent[]): MachineState {
  return events.reduce(machine, state);
}

function signedIn(state = credentialsState()): MachineState {
  return run(
    state,
    {type: 'field-edited', field: 'email', state: fieldFromValue('admin@example.com')},
    {type: 'field-edited', field: 'password', state: fieldFromValue('s3cret!')},
  );
}

const passed = (runId: number, step: 1 | 2 | 3 | 4 | 5): MachineEvent => ({
  type: 'step-passed',
  runId,
  step,
  fact: `fact ${step}`,
  at: 10,
});

const refusedDirectory: HealthReport = {
  checkedAt: '2026-12-04T10:00:00.000Z',
  lastContact: '2026-12-04T10:00:00.000Z',
  checks: {
    binding: {ok: true, fact: 'bound'},
    directory: {ok: false, errorClass: 'credentials', message: 'refused', fix: 'type it'},
    exchange: {ok: true, fact: 'readable'},
  },
};

describe('machine', () => {
  it('refuses to leave the settings with a missing field and focuses it', () => {
    const state = initialState({values: validValues({directoryHost: ''})});
    const next = machine(state, {type: 'settings-submitted'});
    assert.equal(next.screen, 'settings');
    assert.equal(formFields[next.settingsFocus]?.id, 'directoryHost');
    assert.equal(next.problems[0]?.field, 'directoryHost');
  });

  it('checks the port range and URL shape', () => {
    const state = initialState({values: validValues({directoryPort: '70000', ewsUrl: 'mail'})});
    const next = machine(state, {type: 'settings-submitted'});
    assert.deepEqual(
      next.problems.map((problem) => problem.field),
      ['directoryPort', 'ewsUrl'],
    );
  });

  it('refuses a base DN that is not a DN, and takes one with escaped commas', () => {
    const bad = initialState({values: validValues({baseDn: 'not a dn'})});
    assert.equal(machine(bad, {type: 'settings-submitted'}).problems[0]?.field, 'baseDn');
    const escaped = initialState({values: validValues({baseDn: 'ou=Sales\\, EMEA,dc=x'})});
    assert.equal(machine(escaped, {type: 'settings-submitted'}).screen, 'credentials');
  });

  it('needs a mailbox for delegate access', () => {
    const state = initialState({values: validValues({accessMode: 'delegate'})});
    assert.equal(machine(state, {type: 'settings-submitted'}).problems[0]?.field, 'mailbox');
  });

  it('continues to the credentials with a valid form', () => {
    const state = initialState({values: validValues()});
    assert.equal(machine(state, {type: 'settings-submitted'}).screen, 'credentials');
  });

  it('moves the port with the TLS mode while it holds the default', () => {
    const state = initialState({values: validValues({tlsMode: 'ldaps', directoryPort: '636'})});
    const next = machine(state, {type: 'choice-cycled', field: 'tlsMode', direction: 1});
    assert.equal(next.choices.tlsMode, 'starttls');
    assert.equal(next.fields.directoryPort.value, '389');
    const custom = initialState({values: validValues({tlsMode: 'ldaps', directoryPort: '3269'})});
    const kept = machine(custom, {type: 'choice-cycled', field: 'tlsMode', direction: 1});
    assert.equal(kept.fields.directoryPort.value, '3269');
  });

  it('asks for a well-formed email and a password before binding', () => {
    const noEmail = machine(credentialsState(), {type: 'credentials-submitted', at: 0});
    assert.equal(noEmail.screen, 'credentials');
    assert.equal(noEmail.problems[0]?.field, 'email');
    const noPassword = run(
      credentialsState(),
      {type: 'field-edited', field: 'email', state: fieldFromValue('admin@example.com')},
      {type: 'credentials-submitted', at: 0},
    );
    assert.equal(noPassword.problems[0]?.field, 'password');
    assert.equal(noPassword.credentialsFocus, 'password');
  });

  it('refuses an over-long email or pasted password on the screen, before any run', () => {
    const longEmail = run(
      credentialsState(),
      {type: 'field-edited', field: 'email', state: fieldFromValue(`${'a'.repeat(300)}@x.example`)},
      {type: 'field-edited', field: 'password', state: fieldFromValue('Secret-1')},
      {type: 'credentials-submitted', at: 0},
    );
    assert.equal(longEmail.screen, 'credentials');
    assert.match(longEmail.problems[0]?.message ?? '', /longer than 254 characters/);
    const longPassword = run(
      credentialsState(),
      {type: 'field-edited', field: 'email', state: fieldFromValue('admin@example.com')},
      {type: 'field-edited', field: 'password', state: fieldFromValue('x'.repeat(1025))},
      {type: 'credentials-submitted', at: 0},
    );
    assert.equal(longPassword.screen, 'credentials');
    assert.equal(longPassword.credentialsFocus, 'password');
    assert.match(longPassword.problems[0]?.message ?? '', /longer than 1024 characters/);
  });

  it('starts a run with every step waiting', () => {
    const next = machine(signedIn(), {type: 'credentials-submitted', at: 5});
    assert.equal(next.screen, 'binding');
    assert.equal(next.run?.id, 1);
    assert.ok(Object.values(next.run?.steps ?? {}).every((step) => step.kind === 'waiting'));
  });

  it('records step progress and ignores events of another run', () => {
    let state = machine(signedIn(), {type: 'credentials-submitted', at: 0});
    state = run(
      state,
      {type: 'step-started', runId: 1, step: 3, at: 100},
      {
        type: 'step-passed',
        runId: 1,
        step: 3,
        fact: 'OpenLDAP',
        at: 350,
      },
    );
    assert.deepEqual(state.run?.steps[3], {kind: 'passed', fact: 'OpenLDAP', ms: 250});
    const stale = machine(state, {type: 'step-started', runId: 7, step: 1, at: 0});
    assert.equal(stale.run?.steps[1].kind, 'waiting');
  });

  it('shows the result, clears the password on success and closes into activation', () => {
    let state = machine(signedIn(), {type: 'credentials-submitted', at: 0});
    state = run(state, passed(1, 1), passed(1, 3), passed(1, 4), passed(1, 2), passed(1, 5), {
      type: 'bind-finished',
      runId: 1,
      outcome: {ok: true, accountName: 'Contoso', accountCode: 'C1', siteName: 'London'},
    });
    assert.equal(state.screen, 'result');
    assert.equal(state.fields.password.value, '');
    state = machine(state, {type: 'result-closed'});
    assert.equal(state.screen, 'activation');
    state = machine(state, {type: 'engine-toggled'});
    assert.equal(state.engine.state, 'running');
  });

  it('goes back to the failed field with everything typed kept', () => {
    let state = machine(signedIn(), {type: 'credentials-submitted', at: 0});
    state = machine(state, {
      type: 'bind-finished',
      runId: 1,
      outcome: {ok: false, step: 3, errorClass: 'not-found', message: 'No base', fix: 'Fix it'},
    });
    state = machine(state, {type: 'failure-fix-requested'});
    assert.equal(state.screen, 'settings');
    assert.equal(formFields[state.settingsFocus]?.id, 'baseDn');
    assert.equal(state.fields.password.value, 's3cret!');
    assert.equal(state.fields.email.value, 'admin@example.com');
  });

  it('takes a wrong Mimecast password back to the password field', () => {
    let state = machine(signedIn(), {type: 'credentials-submitted', at: 0});
    state = run(
      state,
      {
        type: 'bind-finished',
        runId: 1,
        outcome: {ok: false, step: 2, errorClass: 'credentials', message: 'm', fix: 'f'},
      },
      {type: 'failure-fix-requested'},
    );
    assert.equal(state.screen, 'credentials');
    assert.equal(state.credentialsFocus, 'password');
  });

  it('goes from the engine to the site settings, forgetting any typed password', () => {
    let state = initialState({values: validValues(), screen: 'activation'});
    state = machine(state, {type: 'settings-requested'});
    assert.equal(state.screen, 'settings');
    assert.equal(state.fields.password.value, '');
  });

  it('retries with a new run id', () => {
    let state = machine(signedIn(), {type: 'credentials-submitted', at: 0});
    state = run(
      state,
      {
        type: 'bind-finished',
        runId: 1,
        outcome: {ok: false, step: 1, errorClass: 'network', message: 'm', fix: 'f'},
      },
      {type: 'retry-requested', at: 9},
    );
    assert.equal(state.screen, 'binding');
    assert.equal(state.run?.id, 2);
  });

  it('cancels a run back to the credentials, but not while saving', () => {
    const binding = machine(signedIn(), {type: 'credentials-submitted', at: 0});
    const cancelled = machine(binding, {type: 'bind-cancelled'});
    assert.equal(cancelled.screen, 'credentials');
    assert.equal(cancelled.run?.finished, true);
    assert.match(cancelled.notice ?? '', /Nothing was saved/);
    const late = machine(cancelled, passed(1, 1));
    assert.equal(late.run?.steps[1].kind, 'waiting');

    const saving = machine(binding, {type: 'step-started', runId: 1, step: 5, at: 0});
    assert.equal(machine(saving, {type: 'bind-cancelled'}).screen, 'binding');
  });
});

describe('machine: re-bind', () => {
  const typed = (value: string): MachineEvent => ({
    type: 'field-edited',
    field: 'password',
    state: fieldFromValue(value),
  });

  function rebindState(changed: RotatedSecret = 'mimecast'): MachineState {
    return initialState({
      values: validValues(),
      email: 'admin@example.com',
      rebind: changed,
      engineState: 'running',
    });
  }

  const failed = (runId: number, setting: string): MachineEvent => ({
    type: 'bind-finished',
    runId,
    outcome: {
      ok: false,
      step: 3,
      errorClass: 'credentials',
      message: 'refused',
      fix: 'type it again',
      setting,
    },
  });

  it('opens on the re-bind screen with the Mimecast administrator chosen', () => {
    const state = rebindState();
    assert.equal(state.screen, 'rebind');
    assert.deepEqual(state.rebind, {changed: 'mimecast'});
  });

  it('moves the choice both ways around the three passwords', () => {
    const state = rebindState();
    const down = run(state, {type: 'rebind-choice-moved', direction: 1});
    assert.equal(down.rebind?.changed, 'directory');
    const up = run(state, {type: 'rebind-choice-moved', direction: -1});
    assert.equal(up.rebind?.changed, 'exchange');
  });

  it('asks for the new password before it runs anything', () => {
    const next = run(rebindState(), {type: 'rebind-submitted', at: 1});
    assert.equal(next.screen, 'rebind');
    assert.equal(next.run, null);
    assert.equal(next.problems[0]?.field, 'password');
  });

  it('runs with the new Mimecast password as the administrator password', () => {
    const next = run(rebindState(), typed('New-Admin-1!'), {type: 'rebind-submitted', at: 1});
    assert.equal(next.screen, 'binding');
    assert.equal(next.fields.password.value, 'New-Admin-1!');
  });

  it('puts a new service account password in its field and signs in without the admin', () => {
    const next = run(rebindState('directory'), typed('New-Dir-1!'), {
      type: 'rebind-submitted',
      at: 1,
    });
    assert.equal(next.screen, 'binding');
    assert.equal(next.fields.directoryPassword.value, 'New-Dir-1!');
    assert.equal(next.fields.password.value, '');
  });

  it('returns to the engine as it was after a successful re-bind, saying so', () => {
    const started = run(rebindState(), typed('New-Admin-1!'), {type: 'rebind-submitted', at: 1});
    const id = started.run?.id ?? 0;
    const done = run(started, {
      type: 'bind-finished',
      runId: id,
      outcome: {ok: true, accountName: 'Contoso', accountCode: 'C1', siteName: 'London'},
    });
    assert.equal(done.screen, 'activation');
    assert.equal(done.engine.state, 'running');
    assert.equal(done.notice, reboundNotice);
    assert.equal(done.fields.password.value, '');

    const passing = run(done, {
      type: 'health-reported',
      report: {
        ...refusedDirectory,
        checks: {
          ...refusedDirectory.checks,
          directory: {ok: true, fact: '3 mail-enabled users'},
        },
      },
    });
    assert.equal(passing.notice, reboundNotice, 'it stands while the checks pass');
    const failing = run(done, {type: 'health-reported', report: refusedDirectory});
    assert.equal(failing.notice, null, 'a failed check takes the valid line away');
  });

  it('goes back to the re-bind screen on Esc during the bind, the typed password kept', () => {
    for (const changed of ['mimecast', 'directory', 'exchange'] as const) {
      const started = run(rebindState(changed), typed('New-1!'), {type: 'rebind-submitted', at: 1});
      const cancelled = run(started, {type: 'bind-cancelled'});
      assert.equal(cancelled.screen, 'rebind', changed);
      assert.equal(cancelled.rebind?.changed, changed);
      assert.equal(cancelled.fields.password.value, 'New-1!', changed);
      assert.equal(run(cancelled, {type: 'rebind-submitted', at: 2}).screen, 'binding', changed);
    }
  });

  it('goes back to the re-bind screen from a failure, not to the credentials', () => {
    const started = run(rebindState('directory'), typed('New-Dir-1!'), {
      type: 'rebind-submitted',
      at: 1,
    });
    const result = run(started, failed(started.run?.id ?? 0, 'directoryPassword'));
    assert.equal(result.screen, 'result');
    assert.equal(run(result, {type: 'back'}).screen, 'rebind');
    const fix = run(result, {type: 'failure-fix-requested'});
    assert.equal(fix.screen, 'rebind');
    assert.equal(fix.rebind?.changed, 'directory');
  });

  it('opens the re-bind from the engine with the refused password chosen', () => {
    const engine = initialState({values: validValues(), screen: 'activation'});
    const next = run(engine, {type: 'rebind-requested', changed: 'exchange'});
    assert.equal(next.screen, 'rebind');
    assert.equal(next.rebind?.changed, 'exchange');
  });
});

describe('machine: the play control', () => {
  function engineScreen(state: 'paused' | 'running'): MachineState {
    return initialState({values: validValues(), screen: 'activation', engineState: state});
  }

  it('starts and pauses the engine', () => {
    const started = run(engineScreen('paused'), {type: 'engine-toggled'});
    assert.equal(started.engine.state, 'running');
    assert.equal(run(started, {type: 'engine-toggled'}).engine.state, 'paused');
  });

  it('checks again, still started, once the checks stopped for a re-bind', () => {
    const halted = run(engineScreen('running'), {
      type: 'health-reported',
      report: refusedDirectory,
    });
    assert.ok(engineHalted(halted.engine));
    const again = run(halted, {type: 'engine-toggled'});
    assert.equal(again.engine.state, 'running');
    assert.equal(again.engine.resumes, halted.engine.resumes + 1);
    assert.equal(again.engine.health, null);
    assert.ok(!engineHalted(again.engine));
  });

  it('goes back to the saved state, saying why, when the change cannot be saved', () => {
    const started = run(engineScreen('paused'), {type: 'engine-toggled'});
    const failed = run(started, {
      type: 'engine-save-failed',
      state: 'running',
      message: 'No binding is saved in /state.',
      fix: 'Bind the site.',
    });
    assert.equal(failed.engine.state, 'paused');
    assert.deepEqual(failed.engine.saveError, {
      message: 'No binding is saved in /state.',
      fix: 'Bind the site.',
    });
    assert.equal(run(failed, {type: 'engine-toggled'}).engine.saveError, null);
  });
});
