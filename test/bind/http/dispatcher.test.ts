import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';
import {request} from 'undici';
import {BindError} from '../../../src/bind/errors.js';
import {createNetworkPath, noNetworkEnvironment} from '../../../src/bind/http/index.js';
import {startConnectProxy} from '../../helpers/connect-proxy.js';
import {startFixedReplyServer, type FixedReplyServer} from '../../helpers/fixed-reply-server.js';
import {loopbackTls} from '../../helpers/loopback-tls.js';
import {caFileOf} from '../../helpers/mimecast-demo.js';

let server: FixedReplyServer;
let dir: string;
const live = () => new AbortController().signal;

before(async () => {
  server = await startFixedReplyServer({status: 200, body: 'ok'});
  dir = await mkdtemp(join(tmpdir(), 'mse-bind-dispatcher-'));
});
after(async () => {
  await server.close();
  await rm(dir, {recursive: true, force: true});
});

async function get(path: Awaited<ReturnType<typeof createNetworkPath>>): Promise<string> {
  const response = await request(server.url, {dispatcher: path.dispatcher});
  return response.body.text();
}

async function failure(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  assert.fail('expected a failure');
}

function codeOf(error: unknown): string | undefined {
  let current = error as {code?: string; cause?: unknown} | undefined;
  while (current && current.code === undefined) current = current.cause as typeof current;
  return current?.code;
}

test('the simulator CA is trusted when, and only when, the CA file names it', async () => {
  const trusting = await createNetworkPath({caFile: caFileOf(server.caCertificate)}, live(), {
    env: noNetworkEnvironment,
  });
  const plain = await createNetworkPath({caFile: ''}, live(), {env: noNetworkEnvironment});
  try {
    assert.equal(await get(trusting), 'ok');
    assert.equal(codeOf(await failure(get(plain))), 'SELF_SIGNED_CERT_IN_CHAIN');
  } finally {
    await Promise.all([trusting.close(), plain.close()]);
  }
});

test('NODE_EXTRA_CA_CERTS still counts when a CA file is set', async () => {
  const other = join(dir, 'other-ca.pem');
  await writeFile(other, loopbackTls.cert);
  const env = {...noNetworkEnvironment, extraCaFile: caFileOf(server.caCertificate)};
  const path = await createNetworkPath({caFile: other}, live(), {env});
  try {
    assert.equal(await get(path), 'ok');
  } finally {
    await path.close();
  }
});

test('a missing or unreadable CA file is an input failure naming the CA file setting', async () => {
  const garbage = join(dir, 'garbage.pem');
  await writeFile(garbage, 'not a certificate\n');
  for (const caFile of [join(dir, 'missing.pem'), garbage]) {
    const error = await failure(createNetworkPath({caFile}, live(), {env: noNetworkEnvironment}));
    assert.ok(error instanceof BindError);
    assert.equal(error.errorClass, 'input');
    assert.equal(error.setting, 'caFile');
  }
});

test('through the proxy setting, requests to one host share one tunnel', async () => {
  const proxy = await startConnectProxy();
  const path = await createNetworkPath(
    {caFile: caFileOf(server.caCertificate), proxyUrl: proxy.url},
    live(),
    {env: noNetworkEnvironment},
  );
  try {
    for (let round = 0; round < 3; round += 1) assert.equal(await get(path), 'ok');
    assert.deepEqual(proxy.tunnels, [new URL(server.url).host]);
    assert.equal(path.proxyFor(new URL(server.url))?.label, new URL(proxy.url).host);
  } finally {
    await path.close();
    await proxy.close();
  }
});

test('HTTPS_PROXY is used, and NO_PROXY sends the host direct', async () => {
  const proxy = await startConnectProxy();
  const caFile = caFileOf(server.caCertificate);
  const viaEnv = await createNetworkPath({caFile}, live(), {
    env: {...noNetworkEnvironment, httpsProxy: proxy.url},
  });
  const bypassing = await createNetworkPath({caFile}, live(), {
    env: {...noNetworkEnvironment, httpsProxy: proxy.url, noProxy: '127.0.0.1'},
  });
  try {
    assert.equal(await get(viaEnv), 'ok');
    assert.equal(proxy.tunnels.length, 1);
    assert.equal(await get(bypassing), 'ok');
    assert.equal(proxy.tunnels.length, 1);
  } finally {
    await Promise.all([viaEnv.close(), bypassing.close()]);
    await proxy.close();
  }
});

test('NODE_TLS_REJECT_UNAUTHORIZED=0 does not switch certificate checks off', async () => {
  const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
  process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
  const path = await createNetworkPath({caFile: ''}, live(), {env: noNetworkEnvironment});
  try {
    assert.equal(codeOf(await failure(get(path))), 'SELF_SIGNED_CERT_IN_CHAIN');
  } finally {
    if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    await path.close();
  }
});
