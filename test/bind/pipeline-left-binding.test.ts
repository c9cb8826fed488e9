import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, beforeEach, test} from 'node:test';
import type {BindDeps} from '../../src/bind/bind-deps.js';
import {BindError} from '../../src/bind/errors.js';
import {createNetworkPath, noNetworkEnvironment} from '../../src/bind/http/index.js';
import {checkBinding, findAccount, logout, registerBinding} from '../../src/bind/mimecast/index.js';
import {runBind, type BindResult, type PipelineEvent} from '../../src/bind/pipeline.js';
import {realDeps} from '../../src/bind/real-deps.js';
import {
  simFaults,
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../src/simulators/mimecast/index.js';
import type {StoreOptions} from '../../src/storage/binding-store.js';
import {loadPendingBindings} from '../../src/storage/pending-store.js';
import {demoMimecast, trustSimulator} from '../helpers/mimecast-demo.js';
import {nonMimecastStandIns} from '../helpers/mimecast-steps.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';

/**
 * The wizard's retry path: the pipeline run again in the same process, with the real Mimecast
 * client against the simulator and the real encrypted store (a key file in a temporary state
 * directory). A binding a failed run could not log out is refreshed by the next run, never
 * joined by another one.
 */
let simulator: MimecastSimulator;
let root: string;
const saved = sampleBindingRecord();
const admin = demoMimecast.admin;
const wrongAppKey = '00000000-0000-0000-0000-000000000000';

before(async () => {
  simulator = await startMimecastSimulator();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-left-'));
});
after(async () => {
  await simulator.close();
  await rm(root, {recursive: true, force: true});
});
beforeEach(() => {
  // Each test starts with the user holding no binding and unlocked.
  simulator.expireBindings(admin.email);
  simulator.setUserState(admin.email, 'active');
  simulator.setRoles(admin.email, ['Basic Administrator']);
  simulator.setReplyDelay(0);
});

const liveBindings = () =>
  simulator.bindingsFor(admin.email).filter((view) => {
    return view.expiresAt === null || view.expiresAt.getTime() > Date.now();
  });

async function newStore(): Promise<StoreOptions> {
  return {stateDir: await mkdtemp(join(root, 'state-')), allowKeyFile: true, keyFileOnly: true};
}

/** The real store, lock and Mimecast client; the directory and Exchange are stand-ins. */
function depsFor(store: StoreOptions, overrides: Partial<BindDeps> = {}): BindDeps {
  const env = noNetworkEnvironment;
  const {lockSite, saveBinding, pendingBindings} = realDeps(store);
  return {
    ...nonMimecastStandIns,
    findAccount,
    registerBinding,
    checkBinding,
    logout,
    openNetworkPath: (settings, signal) => createNetworkPath(settings, signal, {env}),
    lockSite,
    saveBinding,
    pendingBindings,
    ...overrides,
  };
}

type Run = {result: BindResult; events: PipelineEvent[]};

async function bindOnce(
  deps: BindDeps,
  appKey: string,
  signal = new AbortController().signal,
): Promise<Run> {
  const events: PipelineEvent[] = [];
  const result = await runBind(
    {
      settings: {
        ...saved.settings,
        mimecast: {discoveryUrl: simulator.discoveryUrl, appId: demoMimecast.appId},
        network: trustSimulator(simulator).network,
      },
      secrets: {...saved.secrets, appKey},
      credentials: admin,
      existing: null,
    },
    (event) => events.push(event),
    signal,
    deps,
  );
  return {result, events};
}

function failure(run: Run): BindError {
  assert.equal(run.result.ok, false);
  if (run.result.ok) throw new Error('unreachable');
  return run.result.error;
}

function passedFact(run: Run, step: number): string {
  const passed = run.events.find((event) => event.type === 'step-passed' && event.step === step);
  assert.ok(passed && passed.type === 'step-passed', `step ${step} did not pass`);
  return passed.fact;
}

test('a retry with a wrong application key refreshes the binding the first run left', async () => {
  const store = await newStore();
  const deps = depsFor(store);

  const first = failure(await bindOnce(deps, wrongAppKey));
  assert.equal(first.errorClass, 'credentials');
  assert.match(first.message, /signed with the same application key/);
  assert.match(first.message, /the next bind from this state directory reuses it/);
  assert.equal(liveBindings().length, 1);

  for (let retry = 0; retry < 3; retry += 1) {
    const again = failure(await bindOnce(deps, wrongAppKey));
    assert.match(again.message, /No binding was added/);
  }
  assert.equal(liveBindings().length, 1);
  const [left] = liveBindings();

  const fixed = await bindOnce(deps, demoMimecast.appKey);
  assert.equal(fixed.result.ok, true);
  assert.match(passedFact(fixed, 2), /reusing the binding a failed bind left/);
  assert.deepEqual(
    liveBindings().map((view) => view.accessKey),
    [left?.accessKey],
  );
  assert.equal(fixed.result.ok && fixed.result.record.binding.accessKey, left?.accessKey);
  assert.deepEqual(await loadPendingBindings(store), []);
});

test('a binding the clean-up logs out is not kept', async () => {
  const store = await newStore();
  // No role to read the account, with a working key: the logout works.
  simulator.setRoles(admin.email, []);

  const first = failure(await bindOnce(depsFor(store), demoMimecast.appKey));

  assert.equal(first.errorClass, 'permission');
  assert.doesNotMatch(first.message, /left at Mimecast/);
  assert.equal(liveBindings().length, 0);
  assert.deepEqual(await loadPendingBindings(store), []);
  assert.deepEqual(await readdir(store.stateDir), []);
});

test('a save that fails, with a logout that fails, keeps the binding for the retry', async () => {
  const store = await newStore();
  const failingSave = async () => {
    throw new BindError('storage', 'The disk is full.', 'Free some space.');
  };
  simulator.failNext('/api/login/logout', simFaults.serverError());

  const first = await bindOnce(depsFor(store, {saveBinding: failingSave}), demoMimecast.appKey);
  assert.equal(failure(first).errorClass, 'storage');
  assert.equal(liveBindings().length, 1);
  assert.equal((await loadPendingBindings(store)).length, 1);

  const retry = await bindOnce(depsFor(store), demoMimecast.appKey);
  assert.equal(retry.result.ok, true);
  assert.equal(liveBindings().length, 1);
  assert.deepEqual(await loadPendingBindings(store), []);
});

test('a cancel while the binding is checked keeps it for the next bind', async () => {
  const store = await newStore();
  const deps = depsFor(store);
  const controller = new AbortController();
  const requestsBefore = simulator.requests().length;

  // Once login has answered, every reply waits: the cancel lands while get-account waits.
  const loginAnswered = (async () => {
    for (;;) {
      const since = simulator.requests().slice(requestsBefore);
      if (since.some((call) => call.path === '/api/login/login')) break;
      await new Promise((resolve) => setImmediate(resolve));
    }
    simulator.setReplyDelay(5_000);
    await new Promise((resolve) => setTimeout(resolve, 300));
    controller.abort();
  })();
  const cancelled = await bindOnce(deps, wrongAppKey, controller.signal);
  await loginAnswered;
  simulator.setReplyDelay(0);

  assert.equal(failure(cancelled).errorClass, 'cancelled');
  assert.equal(liveBindings().length, 1);
  assert.equal((await loadPendingBindings(store)).length, 1);

  const fixed = await bindOnce(deps, demoMimecast.appKey);
  assert.equal(fixed.result.ok, true);
  assert.equal(liveBindings().length, 1);
});
