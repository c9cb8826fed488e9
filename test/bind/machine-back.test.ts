import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {MachineEvent, MachineState, RotatedSecret} from '../../src/bind/machine.js';
import {
  fieldFromValue,
  initialState,
  machine,
  settingsDroppedNotice,
} from '../../src/bind/machine.js';
import {validValues} from '../helpers/machine-fixtures.js';

/** Where Esc and the result screen's keys lead back to, and what the screen shows there. */
function run(state: MachineState, ...events: MachineEvent[]): MachineState {
  return events.reduce(machine, state);
}

const edited = (field: 'siteName' | 'email' | 'password', value: string): MachineEvent => ({
  type: 'field-edited',
  field,
  state: fieldFromValue(value),
});

const back: MachineEvent = {type: 'back'};

function engineScreen(): MachineState {
  return initialState({
    values: validValues(),
    email: 'admin@example.com',
    screen: 'activation',
    engineState: 'running',
  });
}

describe('machine: Esc on the settings opened from the engine', () => {
  it('goes back to the engine with the changes typed there dropped, and says so', () => {
    const opened = run(engineScreen(), {type: 'settings-requested'});
    const changed = run(
      opened,
      edited('siteName', 'Paris'),
      {type: 'choice-cycled', field: 'authScheme', direction: 1},
      {type: 'focus-moved', direction: 1},
    );
    const closed = run(changed, back);
    assert.equal(closed.screen, 'activation');
    assert.equal(closed.engine.state, 'running', 'the engine is left as it was');
    assert.equal(closed.fields.siteName.value, 'London');
    assert.deepEqual(closed.choices, engineScreen().choices);
    assert.equal(closed.notice, settingsDroppedNotice);

    const again = run(closed, {type: 'settings-requested'});
    assert.equal(again.fields.siteName.value, 'London', 'S shows the saved values again');
    assert.equal(again.settingsFocus, 0);
  });

  it('says nothing was dropped when nothing was changed', () => {
    const closed = run(engineScreen(), {type: 'settings-requested'}, back);
    assert.equal(closed.screen, 'activation');
    assert.equal(closed.notice, null);
  });

  it('still leads back after a visit to the credentials and a failed bind', () => {
    let state = run(
      engineScreen(),
      {type: 'settings-requested'},
      edited('siteName', 'Paris'),
      {type: 'settings-submitted'},
      edited('password', 'Admin-1!'),
      {type: 'credentials-submitted', at: 1},
    );
    state = run(
      state,
      {
        type: 'bind-finished',
        runId: state.run?.id ?? 0,
        outcome: {ok: false, step: 1, errorClass: 'network', message: 'm', fix: 'f'},
      },
      back,
      back,
    );
    assert.equal(state.screen, 'settings');
    state = run(state, back);
    assert.equal(state.screen, 'activation');
    assert.equal(state.fields.siteName.value, 'London');
  });

  it('does nothing when the wizard started on the settings (nothing bound)', () => {
    const start = initialState({values: validValues()});
    assert.equal(run(start, edited('siteName', 'Paris'), back).screen, 'settings');
  });

  it('does not lead back once a bind saved the site', () => {
    let state = run(
      engineScreen(),
      {type: 'settings-requested'},
      edited('siteName', 'Paris'),
      {type: 'settings-submitted'},
      edited('password', 'Admin-1!'),
      {type: 'credentials-submitted', at: 1},
    );
    const saved = {ok: true, accountName: 'Contoso', accountCode: 'C1', siteName: 'Paris'} as const;
    state = run(
      state,
      {type: 'bind-finished', runId: state.run?.id ?? 0, outcome: saved},
      {type: 'result-closed'},
      {type: 'rebind-requested', changed: 'mimecast'},
      back,
    );
    assert.equal(state.screen, 'settings', 'the re-bind leads to the whole form');
    state = run(state, edited('siteName', 'Berlin'), back);
    assert.equal(state.screen, 'activation', 'Esc there goes on to the engine');
    assert.equal(state.notice, settingsDroppedNotice);
    assert.equal(state.fields.siteName.value, 'Paris', 'as saved, not the form from before');
  });
});

describe('machine: back to the re-bind screen after a failed re-bind', () => {
  function failedRebind(
    changed: RotatedSecret,
    setting: string,
    typed = 'New-1!',
    errorClass: 'credentials' | 'network' = 'credentials',
  ) {
    const step = setting === 'exchangePassword' ? 4 : setting === 'password' ? 2 : 3;
    let state = initialState({
      values: validValues(),
      email: 'admin@example.com',
      rebind: changed,
    });
    state = run(state, edited('password', typed), {type: 'rebind-submitted', at: 1});
    return run(state, {
      type: 'bind-finished',
      runId: state.run?.id ?? 0,
      outcome: {ok: false, step, errorClass, message: 'm', fix: 'f', setting},
    });
  }

  const cases = [
    ['mimecast', 'password'],
    ['directory', 'directoryPassword'],
    ['exchange', 'exchangePassword'],
  ] as const;

  it('clears a refused password on "fix the field", so the right one is not added to it', () => {
    for (const [changed, setting] of cases) {
      const fix = run(failedRebind(changed, setting), {type: 'failure-fix-requested'});
      assert.equal(fix.screen, 'rebind', changed);
      assert.equal(fix.rebind?.changed, changed);
      assert.equal(fix.fields.password.value, '', changed);
      const kept = run(failedRebind(changed, setting), back);
      assert.equal(kept.fields.password.value, 'New-1!', `Esc keeps it: ${changed}`);
    }
  });

  it('shows the new password typed there after another failure, on Esc and "fix the field"', () => {
    for (const [changed, setting] of cases) {
      const result = failedRebind(changed, setting, 'New-1!', 'network');
      assert.equal(result.screen, 'result', changed);
      for (const event of [back, {type: 'failure-fix-requested'} as const]) {
        const shown = run(result, event);
        assert.equal(shown.screen, 'rebind', `${changed} ${event.type}`);
        assert.equal(shown.rebind?.changed, changed);
        assert.equal(shown.fields.password.value, 'New-1!', `${changed} ${event.type}`);
        const again = run(shown, {type: 'rebind-submitted', at: 2});
        assert.equal(again.screen, 'binding', `Enter runs it again: ${changed}`);
      }
    }
  });

  it('retries with R with the fields as they are: a service account password in its field', () => {
    for (const [changed, setting] of cases.slice(1)) {
      const retried = run(failedRebind(changed, setting), {type: 'retry-requested', at: 2});
      assert.equal(retried.screen, 'binding', changed);
      assert.equal(retried.fields[setting].value, 'New-1!', changed);
      assert.equal(retried.fields.password.value, '', `no Mimecast sign-in: ${changed}`);
    }
    const mimecast = run(failedRebind('mimecast', 'password'), {type: 'retry-requested', at: 2});
    assert.equal(mimecast.fields.password.value, 'New-1!');
  });

  it('shows an empty field when the fix is another account password than the one typed', () => {
    const result = failedRebind('mimecast', 'directoryPassword', 'New-Admin-1!');
    const fix = run(result, {type: 'failure-fix-requested'});
    assert.equal(fix.rebind?.changed, 'directory');
    assert.equal(fix.fields.password.value, '', 'the Mimecast password is not offered');
  });
});

describe('machine: "fix the field" after a refused secret in a full bind', () => {
  function failedBind(setting: string, step: 2 | 3) {
    let state = initialState({values: validValues(), screen: 'credentials'});
    state = run(state, edited('email', 'admin@example.com'), edited('password', 'Wrong-Admin-1!'), {
      type: 'credentials-submitted',
      at: 1,
    });
    return run(state, {
      type: 'bind-finished',
      runId: state.run?.id ?? 0,
      outcome: {ok: false, step, errorClass: 'credentials', message: 'm', fix: 'f', setting},
    });
  }

  it('clears the administrator password or the service account password that was refused', () => {
    const admin = run(failedBind('password', 2), {type: 'failure-fix-requested'});
    assert.equal(admin.screen, 'credentials');
    assert.equal(admin.fields.password.value, '');

    const directory = run(failedBind('directoryPassword', 3), {type: 'failure-fix-requested'});
    assert.equal(directory.screen, 'settings');
    assert.equal(directory.fields.directoryPassword.value, '');
    assert.equal(directory.fields.password.value, 'Wrong-Admin-1!', 'only the refused one');
  });
});

describe('machine: what the screen says after a failure', () => {
  it('shows the cause beside the password on the credentials and re-bind screens', () => {
    let state = initialState({values: validValues(), screen: 'credentials'});
    state = run(state, edited('email', 'admin@example.com'), edited('password', 'Wrong-Admin-1!'), {
      type: 'credentials-submitted',
      at: 1,
    });
    const outcome = {
      ok: false,
      step: 2,
      errorClass: 'credentials',
      message: 'Mimecast refused the password.',
      fix: 'f',
      setting: 'password',
    } as const;
    const failed = run(state, {type: 'bind-finished', runId: state.run?.id ?? 0, outcome});
    const fix = run(failed, {type: 'failure-fix-requested'});
    assert.deepEqual(fix.problems, [{field: 'password', message: outcome.message}]);

    let rebind = initialState({values: validValues(), email: 'a@example.com', rebind: 'mimecast'});
    rebind = run(rebind, edited('password', 'Wrong-1!'), {type: 'rebind-submitted', at: 1});
    rebind = run(rebind, {type: 'bind-finished', runId: rebind.run?.id ?? 0, outcome});
    const again = run(rebind, {type: 'failure-fix-requested'});
    assert.equal(again.screen, 'rebind');
    assert.deepEqual(again.problems, [{field: 'password', message: outcome.message}]);
  });

  it('drops the problem of a field that a new choice hides', () => {
    const state: MachineState = {
      ...initialState({values: validValues({exchangePassword: ''})}),
      problems: [{field: 'exchangePassword', message: 'Exchange password is required.'}],
    };
    const oauth = run(state, {type: 'choice-cycled', field: 'authScheme', direction: -1});
    assert.equal(oauth.choices.authScheme, 'oauth');
    assert.deepEqual(oauth.problems, []);
  });
});
