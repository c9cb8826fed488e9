import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {App} from '../../src/app.js';
import type {AppServices} from '../../src/app-services.js';
import type {BindDeps} from '../../src/bind/bind-deps.js';
import {initialState, type MachineState} from '../../src/bind/machine.js';
import {TerminalCapsProvider} from '../../src/components/use-terminal-caps.js';
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

function render(initial: MachineState, services: Partial<AppServices> = {}) {
  return renderInk(
    <TerminalCapsProvider value={{unicode: false, color: false}}>
      <App initial={initial} services={{...idle, ...services}} />
    </TerminalCapsProvider>,
    {columns: 80, rows: 25},
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
});
