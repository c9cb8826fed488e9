import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {CallContext} from '../../../src/bind/mimecast/call-context.js';
import {classifyTransportError} from '../../../src/bind/mimecast/classify-transport-error.js';

const context: CallContext = {step: 'login', host: 'eu-api.mimecast.com', secrets: []};
const idle = {cancelled: false, timedOut: false, timeoutMs: 15_000};

function withCode(code: string, message = code): Error {
  return Object.assign(new Error(message), {code});
}

test("the user's cancel wins over whatever the socket reported", () => {
  const error = classifyTransportError(withCode('ECONNRESET'), context, {...idle, cancelled: true});
  assert.equal(error.errorClass, 'cancelled');
});

test('a timeout is network and names the host and the time allowed', () => {
  const error = classifyTransportError(new Error('aborted'), context, {...idle, timedOut: true});
  assert.equal(error.errorClass, 'network');
  assert.match(error.message, /no answer from eu-api\.mimecast\.com within 15 s/);
});

test('an unresolvable host name is network (ENOTFOUND, nested as a cause)', () => {
  const wrapped = new Error('fetch failed', {cause: withCode('ENOTFOUND')});
  const error = classifyTransportError(wrapped, context, idle);
  assert.equal(error.errorClass, 'network');
  assert.match(error.message, /could not be resolved \(ENOTFOUND\)/);
});

test('a refused connection inside an AggregateError (IPv4 and IPv6 tried) is network', () => {
  const both = Object.assign(new AggregateError([withCode('ECONNREFUSED')], 'x'), {
    code: undefined,
  });
  const error = classifyTransportError(both, context, idle);
  assert.equal(error.errorClass, 'network');
  assert.match(error.message, /refused the connection/);
});

test('certificate and handshake failures are tls', () => {
  for (const code of [
    'DEPTH_ZERO_SELF_SIGNED_CERT',
    'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    'CERT_HAS_EXPIRED',
    'ERR_TLS_CERT_ALTNAME_INVALID',
    'ERR_SSL_WRONG_VERSION_NUMBER',
  ]) {
    const error = classifyTransportError(withCode(code), context, idle);
    assert.equal(error.errorClass, 'tls', code);
    assert.match(error.message, new RegExp(code));
  }
});

test('a connect timeout names the connect limit, and how far the connection got', () => {
  const timedOut = withCode('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error');
  const state = {...idle, connectTimeoutMs: 10_000};
  const dropped = classifyTransportError(timedOut, context, {...state, progress: 'connecting'});
  assert.match(dropped.message, /no TCP connection to eu-api\.mimecast\.com within 10 s/);
  const silent = classifyTransportError(timedOut, context, {...state, progress: 'tcp-connected'});
  assert.match(silent.message, /accepted the connection but did not complete the TLS handshake/);
  assert.doesNotMatch(silent.message, /15 s/);
});

test('a plain-text answer to the TLS hello is the URL, not a certificate', () => {
  const error = classifyTransportError(
    withCode('EPROTO', 'error:0A00010B:SSL routines:ssl3_get_record:wrong version number'),
    context,
    idle,
  );
  assert.equal(error.errorClass, 'tls');
  assert.equal(error.setting, 'discoveryUrl');
  assert.match(error.message, /does not speak TLS on that port/);
  assert.doesNotMatch(error.fix, /CA certificate/);
});
