import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {App} from '../../src/app.js';
import type {AppServices} from '../../src/app-services.js';
import type {BindDeps} from '../../src/bind/bind-deps.js';
import {initialState, type MachineState} from '../../src/bind/machine.js';
import {TerminalCapsProvider} from '../../src/components/use-terminal-caps.js';
import {resultHints} from '../../src/screens/ResultScreen.js';
import {renderInk} from '../helpers/ink-harness.js';
import {validValues} from '../helpers/machine-fixtures.js';

/**
 * Messages longer than a line are shown whole, wrapped, at 80x25: a step's cause on the field
 * to fix, and the storage warning with its reason. The screen stays within 24 lines with its
 * key hints on the last.
 */

// The screens here start nothing: no bind runs and no engine is started.
const idle: AppServices = {
  deps: {} as BindDeps,
  existing: null,
  saveEngineState: async () => undefined,
  healthIntervalMs: 60_000,
  demo: null,
  warning: null,
};

function render(
  initial: MachineState,
  services: Partial<AppServices> = {},
  size = {columns: 80, rows: 25},
) {
  return renderInk(
    <TerminalCapsProvider value={{unicode: false, color: false}}>
      <App initial={initial} services={{...idle, ...services}} />
    </TerminalCapsProvider>,
    size,
  );
}

function assertFits(frame: string, hints: RegExp) {
  const lines = frame.split('\n');
  assert.ok(lines.length <= 24, `${lines.length} lines:\n${frame}`);
  assert.match(lines.at(-1) ?? '', hints);
  for (const line of lines) assert.ok(line.length <= 80, line);
}

const flat = (text: string) => text.replace(/\s+/g, ' ');

describe('long messages at 80x25', () => {
  it("shows a failed step's whole cause under the settings, the list giving way", async () => {
    const message =
      'The directory rejected the service account cn=svc-mse,ou=services,dc=contoso,dc=example ' +
      'or its password (AD data 52e: wrong password, or no such account).';
    const state: MachineState = {
      ...initialState({values: validValues()}),
      problems: [{field: 'directoryPassword', message}],
    };
    const harness = render(state);
    try {
      const frame = await harness.waitForText('x The directory rejected');
      assert.ok(flat(frame).includes(`x ${message}`), frame);
      assertFits(frame, /Enter/);
    } finally {
      harness.unmount();
    }
  });

  it('shows the storage warning with its reason on two lines', async () => {
    const warning =
      'Weaker storage: data key in /var/lib/mse-bind/binding.key (no OS keychain: the Secret ' +
      'Service is not running in this session)';
    const harness = render(initialState({values: validValues()}), {warning});
    try {
      const frame = await harness.waitForText('! Weaker storage');
      assert.ok(flat(frame).includes(`! ${warning}`), frame);
      assertFits(frame, /Enter/);
    } finally {
      harness.unmount();
    }
  });

  it("shows a failed bind's whole cause and fix on the result, above the step's panel", async () => {
    const message =
      'Mimecast login at api.example.com refused admin@contoso.example: the password is wrong, ' +
      'the user does not sign in with a Mimecast cloud password (Basic-Cloud), or the host is ' +
      'not the region that serves the user\'s account (Mimecast: "Invalid user name or ' +
      'password", err_authentication_failed).';
    const fix =
      "Type the administrator's current password (after a rotation, the new one). If it is " +
      'right, check in the Administration Console that the user has a Mimecast cloud password ' +
      "(Basic-Cloud) and that 2-step authentication is off in the user's authentication " +
      'profile. If the discovery URL in the site settings is not https://api.mimecast.com, ' +
      'check that it points at the region.';
    const state: MachineState = {
      ...initialState({values: validValues(), screen: 'result'}),
      run: {
        id: 1,
        startedAt: 0,
        finished: true,
        steps: {
          1: {kind: 'passed', fact: 'contoso.example is served by api.example.com', ms: 200},
          2: {kind: 'failed', errorClass: 'credentials', message, fix},
          3: {kind: 'passed', fact: '3 mail-enabled users', ms: 100},
          4: {kind: 'passed', fact: 'mailbox root readable', ms: 100},
          5: {kind: 'skipped', reason: 'not run: step 2 failed'},
        },
      },
      outcome: {ok: false, step: 2, errorClass: 'credentials', message, fix},
    };
    const harness = render(state);
    try {
      const frame = await harness.waitForText('Step 2 failed');
      assert.ok(flat(frame).includes(`Cause: ${message}`), frame);
      assert.ok(flat(frame).includes(`Fix: ${fix}`), frame);
      assert.match(frame, /2\. Register the site with the account - failed\n {4}Mimecast login/);
      assertFits(frame, /Enter fix the field/);
    } finally {
      harness.unmount();
    }
  });
});

describe('a narrower terminal', () => {
  it('wraps the key hints at 60x20 so every key is still shown, within 19 lines', async () => {
    const state: MachineState = {
      ...initialState({values: validValues()}),
      settingsReturn: {
        fields: initialState({values: validValues()}).fields,
        choices: initialState({values: validValues()}).choices,
      },
    };
    const harness = render(state, {}, {columns: 60, rows: 20});
    try {
      const frame = await harness.waitForText('Site settings');
      const lines = frame.split('\n');
      assert.ok(lines.length <= 19, `${lines.length} lines:\n${frame}`);
      for (const line of lines) assert.ok(line.length <= 60, line);
      const hints = flat(lines.slice(-2).join(' '));
      for (const key of ['PgDn', 'Esc', 'Ctrl+C quit']) assert.ok(hints.includes(key), frame);
    } finally {
      harness.unmount();
    }
  });
});

describe('the result keys', () => {
  it('names where Esc goes: the credentials, or the re-bind screen after a re-bind', () => {
    const esc = (rebind: boolean) => resultHints(false, rebind).find((hint) => hint.key === 'Esc');
    assert.equal(esc(false)?.action, 'credentials');
    assert.equal(esc(true)?.action, 're-bind');
  });
});
