import assert from 'node:assert/strict';
import {createServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {after, before, test} from 'node:test';
import {checkBinding, findAccount, registerBinding} from '../../../src/bind/mimecast/index.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {closedLoopbackPort, startFixedReplyServer} from '../../helpers/fixed-reply-server.js';
import {loopbackTls} from '../../helpers/loopback-tls.js';
import {demoBindArgs, demoMimecast, trustSimulator} from '../../helpers/mimecast-demo.js';

let simulator: MimecastSimulator;

before(async () => {
  simulator = await startMimecastSimulator();
});
after(async () => {
  await simulator.close();
});

function discoverArgs(discoveryUrl: string, signal = new AbortController().signal) {
  return {
    discoveryUrl,
    appId: demoMimecast.appId,
    email: demoMimecast.admin.email,
    signal,
    // Every simulator of this process shares one CA, so one CA file trusts them all.
    ...trustSimulator(simulator),
  };
}

async function waitFor(condition: () => boolean, what: string): Promise<void> {
  const deadline = Date.now() + 2_000;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

test('a cancel during a request throws cancelled and closes the connection', async () => {
  const isolated = await startMimecastSimulator();
  try {
    isolated.setReplyDelay(5_000);
    const controller = new AbortController();
    const pending = findAccount(discoverArgs(isolated.discoveryUrl, controller.signal));
    await waitFor(() => isolated.openConnections() > 0, 'the request to arrive');
    const started = Date.now();
    controller.abort();
    await rejectsWithClass(pending, 'cancelled');
    assert.ok(Date.now() - started < 1_000, 'the cancel was not prompt');
    await waitFor(() => isolated.openConnections() === 0, 'the socket to close');
  } finally {
    await isolated.close();
  }
});

test('an already aborted signal sends nothing', async () => {
  const before = simulator.requests().length;
  const controller = new AbortController();
  controller.abort();
  await rejectsWithClass(
    findAccount(discoverArgs(simulator.discoveryUrl, controller.signal)),
    'cancelled',
  );
  assert.equal(simulator.requests().length, before);
});

test('a reply slower than the timeout is a network failure naming the host', async () => {
  const slow = await startMimecastSimulator();
  try {
    slow.setReplyDelay(2_000);
    const host = new URL(slow.discoveryUrl).host;
    const error = await rejectsWithClass(
      findAccount({...discoverArgs(slow.discoveryUrl), timeoutMs: 150}),
      'network',
    );
    assert.ok(error.message.includes(`no answer from ${host}`), error.message);
  } finally {
    await slow.close();
  }
});

test('a refused connection is a network failure', async () => {
  const port = await closedLoopbackPort();
  const error = await rejectsWithClass(
    findAccount(discoverArgs(`https://127.0.0.1:${port}`)),
    'network',
  );
  assert.match(error.message, /refused the connection \(ECONNREFUSED\)/);
});

test('an untrusted certificate is a tls failure', async () => {
  const server = createServer(loopbackTls, (_request, response) => response.end('{}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  try {
    const error = await rejectsWithClass(
      findAccount(discoverArgs(`https://127.0.0.1:${port}`)),
      'tls',
    );
    assert.match(error.message, /secure connection to 127\.0\.0\.1:\d+ failed/);
    assert.equal(error.setting, 'caFile');
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('an HTML page instead of JSON is a server failure with a clear message', async () => {
  const proxy = await startFixedReplyServer({
    status: 200,
    headers: {'content-type': 'text/html'},
    body: '<html><h1>Web filter</h1>This site is blocked.</html>',
  });
  try {
    const error = await rejectsWithClass(findAccount(discoverArgs(proxy.url)), 'server');
    assert.match(error.message, /text\/html page that is not Mimecast API JSON/);
    assert.match(error.message, /proxy, firewall or captive portal/);
  } finally {
    await proxy.close();
  }
});

test('a failed login is never retried', async () => {
  const gateway = await startFixedReplyServer({
    status: 503,
    headers: {'content-type': 'application/json'},
    body: JSON.stringify({meta: {status: 503}, data: [], fail: [{errors: [{code: 'err_x'}]}]}),
  });
  try {
    await rejectsWithClass(
      registerBinding(demoBindArgs(simulator, {regionApi: gateway.url})),
      'server',
    );
    assert.equal(gateway.count(), 1);
  } finally {
    await gateway.close();
  }
});

test('429 is rate-limited with the wait from X-RateLimit-Reset', async () => {
  const limited = await startMimecastSimulator({rateLimit: {limit: 2, resetMs: 60_000}});
  try {
    const {binding} = await registerBinding(demoBindArgs(limited));
    const signed = {
      regionApi: limited.regionApi,
      appId: demoMimecast.appId,
      appKey: demoMimecast.appKey,
      binding,
      signal: new AbortController().signal,
      ...trustSimulator(limited),
    };
    const error = await rejectsWithClass(checkBinding(signed), 'rate-limited');
    assert.match(error.message, /wait at least (59|60) s \(X-RateLimit-Reset: \d+ ms\)/);
  } finally {
    await limited.close();
  }
});

test('plain http:// is refused for a host that is not loopback, before any traffic', async () => {
  const error = await rejectsWithClass(
    findAccount(discoverArgs('http://api.mimecast.com')),
    'input',
  );
  assert.match(error.message, /must use https:\/\//);
});
