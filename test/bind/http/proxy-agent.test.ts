import assert from 'node:assert/strict';
import {test} from 'node:test';

import {request} from 'undici';

import {BindError} from '../../../src/bind/errors.js';
import {proxyAgentFor, proxyTunnels} from '../../../src/bind/http/proxy-agent.js';
import {createNetworkPath, noNetworkEnvironment} from '../../../src/bind/http/index.js';
import {startConnectProxy} from '../../helpers/connect-proxy.js';
import {startFixedReplyServer} from '../../helpers/fixed-reply-server.js';
import {loopbackTls} from '../../helpers/loopback-tls.js';
import {caFileOf} from '../../helpers/mimecast-demo.js';

const tunnels = proxyTunnels(10_000);

// A URL parser takes a fragment; undici's proxy check does not ("invalid url").
const withFragment = new URL('http://127.0.0.1:3128/#section');

test('a proxy address undici refuses is the proxy setting at fault', () => {
  const error = catchError(() =>
    proxyAgentFor(
      {url: withFragment, label: '127.0.0.1:3128', source: 'the proxy setting'},
      {},
      tunnels,
    ),
  );
  assert.equal(error.errorClass, 'input');
  assert.equal(error.setting, 'proxyUrl');
  assert.equal(
    error.message,
    'The proxy in the proxy setting (127.0.0.1:3128) is not a usable proxy address.',
  );
});

test('from HTTPS_PROXY it names the variable, and no form field', () => {
  const error = catchError(() =>
    proxyAgentFor({url: withFragment, label: '127.0.0.1:3128', source: 'HTTPS_PROXY'}, {}, tunnels),
  );
  assert.equal(error.setting, undefined);
  assert.match(error.fix, /HTTPS_PROXY environment variable/);
});

test('a usable address gives an agent', async () => {
  const url = new URL('http://127.0.0.1:3128');
  const agent = proxyAgentFor(
    {url, label: '127.0.0.1:3128', source: 'the proxy setting'},
    {},
    tunnels,
  );
  await agent.close();
});

test('an https:// proxy given by address is reached without an SNI name, and no warning', async () => {
  const warnings: string[] = [];
  const onWarning = (warning: Error) => warnings.push(`${warning.name}: ${warning.message}`);
  process.on('warning', onWarning);
  const proxy = await startConnectProxy({tls: loopbackTls});
  const target = await startFixedReplyServer({status: 200, body: 'through'});
  const path = await createNetworkPath(
    {caFile: caFileOf(loopbackTls.cert + target.caCertificate), proxyUrl: proxy.url},
    new AbortController().signal,
    {env: noNetworkEnvironment},
  );
  try {
    const answer = await request(target.url, {dispatcher: path.dispatcher});
    assert.equal(await answer.body.text(), 'through');
    assert.deepEqual(proxy.tunnels, [new URL(target.url).host]);
    // Node emits its warnings on the next tick.
    await new Promise((resolve) => setImmediate(resolve));
    assert.deepEqual(warnings, []);
  } finally {
    process.off('warning', onWarning);
    await path.destroy();
    await Promise.all([proxy.close(), target.close()]);
  }
});

function catchError(run: () => unknown): BindError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof BindError, String(error));
    return error;
  }
  return assert.fail('expected a BindError');
}
