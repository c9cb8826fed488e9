import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {createNetworkPath, noNetworkEnvironment} from '../../../src/bind/http/index.js';
import {findAccount, getAccount, login, registerBinding} from '../../../src/bind/mimecast/index.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {startConnectProxy} from '../../helpers/connect-proxy.js';
import {closedLoopbackPort} from '../../helpers/fixed-reply-server.js';
import {caFileOf, demoBindArgs, demoMimecast} from '../../helpers/mimecast-demo.js';

const admin = demoMimecast.admin;
const live = () => new AbortController().signal;
let simulator: MimecastSimulator;

before(async () => {
  simulator = await startMimecastSimulator();
});
after(async () => {
  await simulator.close();
});

/** Connections the simulator accepted during `work`, per server. */
async function connectionsDuring(work: () => Promise<unknown>): Promise<Record<string, number>> {
  const before = simulator.connectionsAccepted();
  await work();
  const after = simulator.connectionsAccepted();
  return Object.fromEntries(
    Object.entries(after).map(([server, count]) => [server, count - (before[server] ?? 0)]),
  );
}

async function bindOn(path: Awaited<ReturnType<typeof createNetworkPath>>) {
  const found = await findAccount({
    discoveryUrl: simulator.discoveryUrl,
    appId: demoMimecast.appId,
    email: admin.email,
    signal: live(),
    networkPath: path,
  });
  return registerBinding(demoBindArgs(simulator, {...found, networkPath: path}));
}

test('one network path for the bind: one connection per host, reused by every call', async () => {
  const network = {caFile: caFileOf(simulator.caCertificate)};
  const path = await createNetworkPath(network, live(), {env: noNetworkEnvironment});
  try {
    const counts = await connectionsDuring(() => bindOn(path));
    // Discovery on the global host; login and get-account share one on the region's.
    assert.deepEqual(counts, {global: 1, eu: 1});
  } finally {
    await path.close();
  }
});

test('calls that each open their own path open a connection each', async () => {
  const options = {
    ...demoBindArgs(simulator),
    network: {caFile: caFileOf(simulator.caCertificate)},
    networkEnv: noNetworkEnvironment,
  };
  const counts = await connectionsDuring(async () => {
    const binding = await login(options);
    await getAccount({...options, binding});
  });
  assert.deepEqual(counts, {global: 0, eu: 2});
});

test('a bind through the proxy setting goes through one tunnel per host', async () => {
  const proxy = await startConnectProxy();
  const network = {caFile: caFileOf(simulator.caCertificate), proxyUrl: proxy.url};
  const path = await createNetworkPath(network, live(), {env: noNetworkEnvironment});
  try {
    const {account} = await bindOn(path);
    assert.equal(account.code, demoMimecast.accountCode);
    assert.deepEqual(proxy.tunnels, [
      new URL(simulator.discoveryUrl).host,
      new URL(simulator.regionApi).host,
    ]);
  } finally {
    await path.close();
    await proxy.close();
  }
});

test('a bind through HTTPS_PROXY works the same, with no proxy setting', async () => {
  const proxy = await startConnectProxy();
  try {
    const found = await findAccount({
      discoveryUrl: simulator.discoveryUrl,
      appId: demoMimecast.appId,
      email: admin.email,
      signal: live(),
      network: {caFile: caFileOf(simulator.caCertificate)},
      networkEnv: {...noNetworkEnvironment, httpsProxy: proxy.url},
    });
    assert.equal(found.regionApi, simulator.regionApi);
    assert.deepEqual(proxy.tunnels, [new URL(simulator.discoveryUrl).host]);
  } finally {
    await proxy.close();
  }
});

for (const [status, pattern] of [
  [403, /the proxy 127\.0\.0\.1:\d+ refused to open a tunnel to 127\.0\.0\.1:\d+ \(HTTP 403\)/],
  [407, /the proxy 127\.0\.0\.1:\d+ asks for a user name and password/],
] as const) {
  test(`a proxy answering CONNECT with ${status} is a network failure there`, async () => {
    const proxy = await startConnectProxy({refuseWith: status});
    try {
      const error = await rejectsWithClass(
        registerBinding(
          demoBindArgs(simulator, {
            network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: proxy.url},
          }),
        ),
        'network',
      );
      assert.match(error.message, pattern);
      assert.equal(error.setting, 'proxyUrl');
    } finally {
      await proxy.close();
    }
  });
}

test('a proxy that is down is named, not the Mimecast host', async () => {
  const port = await closedLoopbackPort();
  const error = await rejectsWithClass(
    registerBinding(
      demoBindArgs(simulator, {
        network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: `127.0.0.1:${port}`},
      }),
    ),
    'network',
  );
  assert.match(error.message, new RegExp(`the proxy 127\\.0\\.0\\.1:${port} refused`));
  assert.equal(error.setting, 'proxyUrl');
});
