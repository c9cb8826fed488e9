import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';

import {createNetworkPath, noNetworkEnvironment} from '../../../src/bind/http/index.js';
import {findAccount} from '../../../src/bind/mimecast/index.js';
import {preflight} from '../../../src/bind/preflight.js';
import {demoMimecast} from '../../helpers/mimecast-demo.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {startPlainHttpServer, type PlainHttpServer} from '../../helpers/plain-http-reply.js';
import {startSilentServer, type SilentServer} from '../../helpers/silent-server.js';

/**
 * A discovery URL that reaches something other than Mimecast's TLS port: a plain-HTTP server,
 * or a port that accepts and says nothing. The Mimecast calls and the connectivity pre-check
 * say so, rather than blaming certificates or a proxy that inspects HTTPS.
 */
let plain: PlainHttpServer;
let silent: SilentServer;
const live = () => new AbortController().signal;

before(async () => {
  [plain, silent] = await Promise.all([startPlainHttpServer({status: 404}), startSilentServer()]);
});
after(async () => {
  await Promise.all([plain.close(), silent.close()]);
});

function discover(discoveryUrl: string, changes: {timeoutMs?: number} = {}) {
  return {
    discoveryUrl,
    appId: demoMimecast.appId,
    email: demoMimecast.admin.email,
    signal: live(),
    network: {caFile: ''},
    networkEnv: noNetworkEnvironment,
    ...changes,
  };
}

test('discovery at an https:// URL served in plain HTTP: the port does not speak TLS', async () => {
  const url = plain.url.replace('http://', 'https://');
  const error = await rejectsWithClass(findAccount(discover(url)), 'tls');
  assert.match(
    error.message,
    /^Mimecast discovery at 127\.0\.0\.1:\d+: 127\.0\.0\.1:\d+ does not speak TLS on that port/,
  );
  assert.match(error.message, /answered the TLS handshake in plain text \(ERR_SSL_\w+\)\.$/);
  assert.equal(error.setting, 'discoveryUrl');
  assert.doesNotMatch(error.fix, /CA|certificate|inspect|clock/);
  assert.equal(plain.count(), 0, 'no HTTP request was made');
});

test('the pre-check says the same before any call', async () => {
  const url = plain.url.replace('http://', 'https://');
  const error = await rejectsWithClass(
    preflight({caFile: ''}, [url], live(), {env: noNetworkEnvironment, timeoutMs: 2_000}),
    'tls',
  );
  assert.match(error.message, /^Connectivity check: 127\.0\.0\.1:\d+ does not speak TLS/);
  assert.equal(error.setting, 'discoveryUrl');
  assert.doesNotMatch(error.fix, /CA|certificate|clock/);
});

test('a silent port: connected, no TLS handshake within the connect limit', async () => {
  const path = await createNetworkPath({caFile: ''}, live(), {
    env: noNetworkEnvironment,
    connectTimeoutMs: 200,
  });
  try {
    const url = `https://127.0.0.1:${silent.port}`;
    const error = await rejectsWithClass(
      findAccount({...discover(url), networkPath: path, timeoutMs: 5_000}),
      'network',
    );
    assert.equal(
      error.message,
      `Mimecast discovery at 127.0.0.1:${silent.port}: 127.0.0.1:${silent.port} accepted the ` +
        'connection but did not complete the TLS handshake within 200 ms.',
    );
    assert.ok(silent.connections() > 0);
  } finally {
    await path.destroy();
  }
  await silent.allClosed();
});

test('a silent port: the request limit, when shorter, is the time named', async () => {
  const url = `https://127.0.0.1:${silent.port}`;
  const error = await rejectsWithClass(findAccount(discover(url, {timeoutMs: 150})), 'network');
  assert.match(error.message, /accepted the connection but did not complete the TLS handshake/);
  assert.match(error.message, /within 150 ms\.$/);
  await silent.allClosed();
});
