import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {realDeps} from '../../src/bind/real-deps.js';
import {runEngineLoop} from '../../src/engine/health-cycle.js';
import type {HealthReport} from '../../src/engine/health.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import type {StoreOptions} from '../../src/storage/binding-store.js';
import {loadBinding} from '../../src/storage/binding-store.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';

/**
 * The wizard's engine loop signs in to the directory and Exchange every cycle. Once a password
 * is refused, another cycle is another failed sign-in, and a directory locks the account out
 * after a few: the loop stops at the first refusal and leaves the re-bind to the administrator.
 */

let sims: DemoSimulators;
let root: string;
let store: StoreOptions;

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-engine-stops-'));
  const stateDir = await bindDemoSite(sims, root);
  store = {stateDir, allowKeyFile: true, keyFileOnly: true};
});
after(async () => {
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

/**
 * Runs the loop until it ends by itself, or until `enough` reports arrived (then aborts it):
 * counted in cycles, not in time, so a loaded machine changes nothing.
 */
async function loopUntil(enough: number): Promise<{reports: HealthReport[]; ended: boolean}> {
  const record = await loadBinding(store);
  assert.ok(record);
  const reports: HealthReport[] = [];
  const controller = new AbortController();
  let ended = true;
  const limit = setTimeout(() => controller.abort(), 30_000);
  await runEngineLoop({
    record,
    deps: realDeps(store),
    intervalMs: 5,
    signal: controller.signal,
    onReport: (report) => {
      reports.push(report);
      if (reports.length < enough) return;
      ended = false;
      controller.abort();
    },
  });
  clearTimeout(limit);
  return {reports, ended: ended && !controller.signal.aborted};
}

describe("the wizard's engine loop", () => {
  it('keeps checking while every check passes', async () => {
    const {reports, ended} = await loopUntil(3);
    assert.equal(ended, false);
    assert.equal(reports.length, 3);
    assert.ok(reports.every((report) => report.checks.directory.ok));
  });

  it('stops after the cycle that finds the directory password refused', async () => {
    sims.ldap.setPassword(sims.settings.directory.bindName, 'Rotated-Directory-2026!');
    const {reports, ended} = await loopUntil(3);
    assert.equal(ended, true, 'the loop ended by itself');
    assert.equal(reports.length, 1, 'one sign-in with the refused password, not one a cycle');
    const directory = reports[0]?.checks.directory;
    assert.ok(directory && !directory.ok);
    assert.equal(directory.errorClass, 'credentials');
  });
});
