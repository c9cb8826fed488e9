import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {noNetworkEnvironment} from '../../src/bind/http/index.js';
import {preflight} from '../../src/bind/preflight.js';
import type {NetworkSettings} from '../../src/bind/settings.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../helpers/bind-error.js';
import {startConnectProxy} from '../helpers/connect-proxy.js';
import {closedLoopbackPort} from '../helpers/fixed-reply-server.js';
import {caFileOf} from '../helpers/mimecast-demo.js';
import {startSilentServer} from '../helpers/silent-server.js';

let simulator: MimecastSimulator;
let trusted: NetworkSettings;
const live = () => new AbortController().signal;
const options = {env: noNetworkEnvironment, timeoutMs: 2_000};

before(async () => {
  simulator = await startMimecastSimulator();
  trusted = {caFile: caFileOf(simulator.caCertificate)};
});
after(async () => {
  await simulator.close();
});

test('a reachable host passes DNS, TCP and a verified TLS handshake', async () => {
  const before = simulator.requests().length;
  const [result] = await preflight(trusted, [simulator.discoveryUrl], live(), options);
  assert.equal(result?.url, simulator.discoveryUrl);
  assert.equal(result?.proxy, null);
  assert.match(result?.tlsProtocol ?? '', /^TLSv1\.[23]$/);
  assert.equal(simulator.requests().length, before, 'the check sends no request');
});

test('a host name that does not resolve is network, at the discovery URL', async () => {
  const error = await rejectsWithClass(
    preflight(trusted, ['https://no-such-host.invalid'], live(), options),
    'network',
  );
  assert.match(error.message, /host name no-such-host\.invalid .* could not be resolved/);
  assert.equal(error.setting, 'discoveryUrl');
});

test('a port nothing listens on is network, naming the port', async () => {
  const port = await closedLoopbackPort();
  const error = await rejectsWithClass(
    preflight(trusted, [`https://127.0.0.1:${port}`], live(), options),
    'network',
  );
  assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${port} .*refused`));
  assert.equal(error.setting, 'discoveryUrl');
});

test('a certificate from a CA not in the CA file is tls, at the CA file', async () => {
  const error = await rejectsWithClass(
    preflight({caFile: ''}, [simulator.discoveryUrl], live(), options),
    'tls',
  );
  assert.match(error.message, /not signed by a trusted CA \(SELF_SIGNED_CERT_IN_CHAIN\)/);
  assert.equal(error.setting, 'caFile');
});

test('a server that never finishes the handshake is network (a timeout), not tls', async () => {
  const silent = await startSilentServer();
  try {
    const error = await rejectsWithClass(
      preflight(trusted, [`https://127.0.0.1:${silent.port}`], live(), {
        ...options,
        timeoutMs: 150,
      }),
      'network',
    );
    assert.equal(
      error.message,
      `Connectivity check: the TLS handshake with 127.0.0.1:${silent.port} did not finish ` +
        'within 150 ms.',
    );
    assert.equal(error.setting, 'discoveryUrl');
    await silent.allClosed();
  } finally {
    await silent.close();
  }
});

test('an https:// proxy that never finishes its handshake is network too', async () => {
  const silent = await startSilentServer();
  try {
    const error = await rejectsWithClass(
      preflight(
        {...trusted, proxyUrl: `https://127.0.0.1:${silent.port}`},
        ['https://api.mimecast.example'],
        live(),
        {...options, timeoutMs: 150},
      ),
      'network',
    );
    assert.match(error.message, /TLS handshake with the proxy 127\.0\.0\.1:\d+ .*150 ms\.$/);
    assert.equal(error.setting, 'proxyUrl');
    await silent.allClosed();
  } finally {
    await silent.close();
  }
});

test('a cancel stops the check at once and leaves no socket open', async () => {
  const silent = await startSilentServer();
  try {
    const controller = new AbortController();
    const pending = preflight(trusted, [`https://127.0.0.1:${silent.port}`], controller.signal, {
      ...options,
      timeoutMs: 10_000,
    });
    setTimeout(() => controller.abort(), 50);
    await rejectsWithClass(pending, 'cancelled');
    await silent.allClosed();
  } finally {
    await silent.close();
  }
});

test('through a proxy: DNS and TCP to the proxy, CONNECT, then TLS to Mimecast', async () => {
  const proxy = await startConnectProxy();
  try {
    const [result] = await preflight(
      {...trusted, proxyUrl: proxy.url},
      [simulator.discoveryUrl],
      live(),
      options,
    );
    assert.equal(result?.proxy, new URL(proxy.url).host);
    assert.deepEqual(proxy.tunnels, [new URL(simulator.discoveryUrl).host]);
  } finally {
    await proxy.close();
  }
});

test('a proxy that refuses, asks for a password or is down: the proxy setting', async () => {
  const refusing = await startConnectProxy({refuseWith: 403});
  const asking = await startConnectProxy({refuseWith: 407});
  const down = await closedLoopbackPort();
  try {
    for (const [proxyUrl, pattern] of [
      [refusing.url, /refused to open a tunnel to 127\.0\.0\.1:\d+ \(HTTP 403\)/],
      [asking.url, /asks for a user name and password \(HTTP 407\)/],
      [`http://127.0.0.1:${down}`, /the proxy 127\.0\.0\.1:\d+ .*refused/],
    ] as const) {
      const error = await rejectsWithClass(
        preflight({...trusted, proxyUrl}, [simulator.discoveryUrl], live(), options),
        'network',
      );
      assert.match(error.message, pattern);
      assert.equal(error.setting, 'proxyUrl');
    }
  } finally {
    await Promise.all([refusing.close(), asking.close()]);
  }
});

test('URLs that are not https are left to the call that uses them', async () => {
  assert.deepEqual(
    await preflight(trusted, ['http://x.example', 'not a url'], live(), options),
    [],
  );
});
