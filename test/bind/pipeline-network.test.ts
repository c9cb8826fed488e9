import {nonMimecastStandIns} from '../helpers/mimecast-steps.js';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import type {BindDeps} from '../../src/bind/bind-deps.js';
import {createNetworkPath, noNetworkEnvironment} from '../../src/bind/http/index.js';
import {checkBinding, findAccount, logout, registerBinding} from '../../src/bind/mimecast/index.js';
import {runBind, type PipelineEvent} from '../../src/bind/pipeline.js';
import {preflight} from '../../src/bind/preflight.js';
import {realDeps} from '../../src/bind/real-deps.js';
import type {NetworkSettings} from '../../src/bind/settings.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../src/simulators/mimecast/index.js';
import {startConnectProxy} from '../helpers/connect-proxy.js';
import {caFileOf, demoMimecast} from '../helpers/mimecast-demo.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';

/**
 * Steps 1 and 2 of the pipeline with the real Mimecast client, network path and pre-check
 * against the simulator; the directory, Exchange and storage are stand-ins (they have their
 * own tests).
 */
let simulator: MimecastSimulator;
const saved = sampleBindingRecord();

before(async () => {
  simulator = await startMimecastSimulator();
});
after(async () => {
  await simulator.close();
});

function deps(): BindDeps {
  const env = noNetworkEnvironment;
  const network: Pick<BindDeps, 'openNetworkPath' | 'preflight'> = {
    openNetworkPath: (settings, signal) => createNetworkPath(settings, signal, {env}),
    preflight: (settings, urls, signal, options) =>
      preflight(settings, urls, signal, {...options, env, timeoutMs: 2_000}),
  };
  return {findAccount, registerBinding, checkBinding, logout, ...nonMimecastStandIns, ...network};
}

function bind(network: NetworkSettings) {
  return runBindWith(deps(), network);
}

async function runBindWith(bindDeps: BindDeps, network: NetworkSettings) {
  const events: PipelineEvent[] = [];
  const result = await runBind(
    {
      settings: {
        ...saved.settings,
        mimecast: {discoveryUrl: simulator.discoveryUrl, appId: demoMimecast.appId},
        network,
      },
      secrets: {...saved.secrets, appKey: demoMimecast.appKey},
      credentials: demoMimecast.admin,
      existing: null,
    },
    (event) => events.push(event),
    new AbortController().signal,
    bindDeps,
  );
  return {result, events};
}

function connectionsSince(before: Readonly<Record<string, number>>) {
  const now = simulator.connectionsAccepted();
  return Object.fromEntries(Object.entries(now).map(([k, v]) => [k, v - (before[k] ?? 0)]));
}

test('through a proxy: pre-check, discovery, login, get-account share the path', async () => {
  const proxy = await startConnectProxy();
  const before = simulator.connectionsAccepted();
  try {
    const {result} = await bind({caFile: caFileOf(simulator.caCertificate), proxyUrl: proxy.url});
    assert.equal(result.ok, true, JSON.stringify(result));
    // The pre-check's own handshake, then one connection per host for the real calls.
    assert.deepEqual(connectionsSince(before), {global: 2, eu: 1});
    assert.deepEqual(proxy.tunnels, [
      new URL(simulator.discoveryUrl).host,
      new URL(simulator.discoveryUrl).host,
      new URL(simulator.regionApi).host,
    ]);
  } finally {
    await proxy.close();
  }
});

test('a failed pre-check fails step 1 at the setting at fault; nothing is sent', async () => {
  const sent = simulator.requests().length;
  const {result, events} = await bind({caFile: '', proxyUrl: ''});
  assert.equal(result.ok, false);
  assert.ok(!result.ok);
  assert.equal(result.step, 1);
  assert.equal(result.error.errorClass, 'tls');
  assert.equal(result.error.setting, 'caFile');
  assert.equal(simulator.requests().length, sent);
  assert.ok(events.some((event) => event.type === 'step-skipped' && event.step === 2));
});

test('a proxy setting with a password is refused in step 1, at the proxy field', async () => {
  const {result} = await bind({
    caFile: caFileOf(simulator.caCertificate),
    proxyUrl: 'http://me:Proxy-Password-7@127.0.0.1:3128',
  });
  assert.ok(!result.ok);
  assert.equal(result.step, 1);
  assert.equal(result.error.errorClass, 'input');
  assert.equal(result.error.setting, 'proxyUrl');
  assert.ok(!result.error.message.includes('Proxy-Password-7'));
});

test('the real dependencies run the pre-check before discovery', async () => {
  const sent = simulator.requests().length;
  // The real dependencies lock the state directory first: one of its own.
  const stateDir = await mkdtemp(join(tmpdir(), 'mse-bind-pipeline-'));
  const {result} = await runBindWith(realDeps({stateDir, allowKeyFile: true}), {
    caFile: '',
    proxyUrl: '',
  }).finally(() => rm(stateDir, {recursive: true, force: true}));
  assert.ok(!result.ok);
  assert.equal(result.step, 1);
  // From the environment a proxy may stand in the way; either way the check speaks first.
  assert.match(result.error.message, /^Connectivity check/);
  assert.equal(simulator.requests().length, sent);
});
