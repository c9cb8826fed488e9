import assert from 'node:assert/strict';
import {test} from 'node:test';

import {BindError} from '../../../src/bind/errors.js';
import {proxyAgentFor} from '../../../src/bind/http/proxy-agent.js';

// A URL parser takes a fragment; undici's proxy check does not ("invalid url").
const withFragment = new URL('http://127.0.0.1:3128/#section');

test('a proxy address undici refuses is the proxy setting at fault', () => {
  const error = catchError(() =>
    proxyAgentFor({url: withFragment, label: '127.0.0.1:3128', source: 'the proxy setting'}, {}),
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
    proxyAgentFor({url: withFragment, label: '127.0.0.1:3128', source: 'HTTPS_PROXY'}, {}),
  );
  assert.equal(error.setting, undefined);
  assert.match(error.fix, /HTTPS_PROXY environment variable/);
});

test('a usable address gives an agent', async () => {
  const url = new URL('http://127.0.0.1:3128');
  const agent = proxyAgentFor({url, label: '127.0.0.1:3128', source: 'the proxy setting'}, {});
  await agent.close();
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
