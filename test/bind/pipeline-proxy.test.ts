import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {findAccount} from '../../src/bind/mimecast/index.js';
import {networkEnvironment, noNetworkEnvironment} from '../../src/bind/http/index.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../helpers/bind-error.js';
import {startConnectProxy} from '../helpers/connect-proxy.js';
import {startInspectingProxy, type InspectingProxy} from '../helpers/inspecting-proxy.js';
import {caFileOf, demoMimecast} from '../helpers/mimecast-demo.js';
import {bindMimecastSteps} from '../helpers/mimecast-steps.js';
import {runMimecastBindChild} from '../helpers/run-mimecast-bind-child.js';

/**
 * Steps 1 and 2 of a bind (pre-check, discovery, login, get-account) through proxies: one
 * given only by HTTPS_PROXY, and one that inspects HTTPS with a CA of its own, which the bind
 * trusts only when told to (the CA file setting, or NODE_EXTRA_CA_CERTS).
 */
let simulator: MimecastSimulator;
let inspecting: InspectingProxy;

before(async () => {
  simulator = await startMimecastSimulator();
  inspecting = await startInspectingProxy(simulator.caCertificate);
});
after(async () => {
  await inspecting.close();
  await simulator.close();
});

const discoveryHost = () => new URL(simulator.discoveryUrl).host;
const regionHost = () => new URL(simulator.regionApi).host;

test('a whole bind through a proxy set by HTTPS_PROXY only, NO_PROXY not covering it', async () => {
  const proxy = await startConnectProxy();
  try {
    // NO_PROXY as many hosts set it, with nothing that covers 127.0.0.1.
    const env = networkEnvironment({
      HTTPS_PROXY: proxy.url,
      NO_PROXY: 'localhost,.corp.example,10.1.2.3',
    });
    const result = await bindMimecastSteps(simulator.discoveryUrl, {
      network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: ''},
      env,
    });
    assert.equal(result.ok, true, JSON.stringify(result));
    // The pre-check's tunnel, then one per host for discovery, and for login and get-account.
    assert.deepEqual(proxy.tunnels, [discoveryHost(), discoveryHost(), regionHost()]);
  } finally {
    await proxy.close();
  }
});

test('NO_PROXY covering the hosts sends the whole bind around the proxy', async () => {
  const proxy = await startConnectProxy();
  try {
    const env = networkEnvironment({HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1'});
    const result = await bindMimecastSteps(simulator.discoveryUrl, {
      network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: ''},
      env,
    });
    assert.equal(result.ok, true, JSON.stringify(result));
    assert.deepEqual(proxy.tunnels, []);
  } finally {
    await proxy.close();
  }
});

test('an inspecting proxy whose CA is not trusted fails step 1 as tls at the CA file', async () => {
  const sent = simulator.requests().length;
  const result = await bindMimecastSteps(simulator.discoveryUrl, {
    network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: inspecting.url},
    env: noNetworkEnvironment,
  });
  assert.ok(!result.ok);
  assert.equal(result.step, 1);
  assert.equal(result.error.errorClass, 'tls');
  assert.equal(result.error.setting, 'caFile');
  assert.match(result.error.message, /through the proxy 127\.0\.0\.1:\d+/);
  assert.match(result.error.message, /is not signed by a trusted CA/);
  assert.match(result.error.fix, /If a proxy or firewall inspects HTTPS, put its CA certificate/);
  assert.equal(simulator.requests().length, sent, 'a request reached Mimecast');
});

test('the Mimecast client says the same without the pre-check', async () => {
  const error = await rejectsWithClass(
    findAccount({
      discoveryUrl: simulator.discoveryUrl,
      appId: demoMimecast.appId,
      email: demoMimecast.admin.email,
      signal: new AbortController().signal,
      network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: inspecting.url},
      networkEnv: noNetworkEnvironment,
    }),
    'tls',
  );
  assert.match(error.message, /secure connection to [\d.:]+ through the proxy [\d.:]+ failed/);
  assert.match(error.fix, /If a proxy inspects HTTPS, add its CA certificate as the CA file/);
  assert.equal(error.setting, 'caFile');
});

test("with the proxy's CA in the CA file setting the bind passes, inspected", async () => {
  const before = inspecting.inspected();
  const result = await bindMimecastSteps(simulator.discoveryUrl, {
    // Only the proxy's CA: what the bind sees is the proxy's certificate, never Mimecast's.
    network: {caFile: caFileOf(inspecting.caCertificate), proxyUrl: inspecting.url},
    env: noNetworkEnvironment,
  });
  assert.equal(result.ok, true, JSON.stringify(result));
  // Discovery's connection, and the one login and get-account share (the pre-check sends none).
  assert.equal(inspecting.inspected() - before, 2);
});

test("with the proxy's CA in NODE_EXTRA_CA_CERTS alone, a fresh process binds", async () => {
  const variables = {HTTPS_PROXY: inspecting.url, NO_PROXY: 'localhost'};
  const before = inspecting.inspected();
  const trusted = await runMimecastBindChild(simulator.discoveryUrl, {
    ...variables,
    NODE_EXTRA_CA_CERTS: caFileOf(inspecting.caCertificate),
  });
  assert.deepEqual(trusted, {ok: true}, JSON.stringify(trusted));
  assert.equal(inspecting.inspected() - before, 2, 'the child went around the proxy');

  const untrusted = await runMimecastBindChild(simulator.discoveryUrl, {
    ...variables,
    NODE_EXTRA_CA_CERTS: undefined,
  });
  assert.equal(untrusted.ok, false);
  assert.equal(untrusted.ok === false && untrusted.errorClass, 'tls');
});
