import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {getEventListeners} from 'node:events';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {realDeps} from '../../src/bind/real-deps.js';
import {runHeadlessEngine} from '../../src/engine/headless-engine.js';
import {runEngineLoop} from '../../src/engine/health-cycle.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import type {StoreOptions} from '../../src/storage/binding-store.js';
import {loadBinding, setEngineState} from '../../src/storage/binding-store.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {dependantSignalCount} from '../helpers/dependant-signals.js';

/**
 * The engine's signal lives as long as the engine. Many cycles against the simulators, at a
 * few milliseconds apart, must leave it as they found it: a listener or a combined signal kept
 * per cycle is a leak that grows for as long as a service runs.
 */

const cycles = 25;

let sims: DemoSimulators;
let root: string;
let store: StoreOptions;

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-engine-listeners-'));
  const stateDir = await bindDemoSite(sims, root);
  store = {stateDir, allowKeyFile: true, keyFileOnly: true};
  await setEngineState('running', store);
});
after(async () => {
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

/** What the engine's signal holds after each cycle, and the warnings Node printed meanwhile. */
type Observed = {listeners: number[]; dependants: number[]; warnings: string[]};

async function observe(
  run: (signal: AbortSignal, afterCycle: () => void) => Promise<unknown>,
): Promise<Observed> {
  const observed: Observed = {listeners: [], dependants: [], warnings: []};
  const onWarning = (warning: Error) =>
    observed.warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  const controller = new AbortController();
  try {
    await run(controller.signal, () => {
      observed.listeners.push(getEventListeners(controller.signal, 'abort').length);
      observed.dependants.push(dependantSignalCount(controller.signal));
      if (observed.listeners.length === cycles) controller.abort();
    });
    // Node emits its warnings on a later tick.
    await new Promise((resolve) => setImmediate(resolve));
  } finally {
    process.off('warning', onWarning);
  }
  return observed;
}

function assertFlat(observed: Observed): void {
  assert.equal(observed.listeners.length, cycles);
  const [firstListeners = 0] = observed.listeners;
  const [firstDependants = 0] = observed.dependants;
  assert.deepEqual(observed.listeners, Array(cycles).fill(firstListeners), 'abort listeners');
  assert.deepEqual(observed.dependants, Array(cycles).fill(firstDependants), 'combined signals');
  assert.deepEqual(
    observed.warnings.filter((warning) => warning.startsWith('MaxListenersExceededWarning')),
    [],
  );
}

describe("the engine's signal over many cycles", () => {
  it('mse-bind run leaves no listener and no combined signal behind', async () => {
    let code: number | undefined;
    const observed = await observe(async (signal, afterCycle) => {
      code = await runHeadlessEngine({
        store,
        deps: realDeps(store),
        intervalMs: 5,
        start: false,
        signal,
        log: (line) => {
          if (line.startsWith('cycle: ')) {
            assert.match(line, /binding ok .* directory ok .* exchange ok/);
            afterCycle();
          }
        },
      });
    });
    assert.equal(code, 0);
    assertFlat(observed);
  });

  it("the wizard's engine loop leaves no listener and no combined signal behind", async () => {
    const record = await loadBinding(store);
    assert.ok(record);
    const observed = await observe((signal, afterCycle) =>
      runEngineLoop({
        record,
        deps: realDeps(store),
        intervalMs: 5,
        signal,
        onReport: (report) => {
          assert.ok(report.checks.binding.ok && report.checks.exchange.ok);
          afterCycle();
        },
      }),
    );
    assertFlat(observed);
  });
});
