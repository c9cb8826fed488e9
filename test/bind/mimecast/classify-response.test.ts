import assert from 'node:assert/strict';
import {test} from 'node:test';
import type {CallContext} from '../../../src/bind/mimecast/call-context.js';
import {
  classifyResponse,
  type MimecastReply,
} from '../../../src/bind/mimecast/classify-response.js';
import {parseEnvelope} from '../../../src/bind/mimecast/envelope.js';

const login: CallContext = {
  step: 'login',
  host: 'eu-api.mimecast.com',
  email: 'admin@contoso.example',
  realm: 'Basic-AD',
  secrets: ['Very-Secret-Password'],
};
const check: CallContext = {...login, step: 'get-account', realm: undefined};
const sentAt = new Date('2026-03-01T10:00:00Z');

function reply(status: number, body: unknown, headers: Record<string, string> = {}): MimecastReply {
  const text = typeof body === 'string' ? body : JSON.stringify(body);
  return {status, headers, envelope: parseEnvelope(text), sentAt};
}

function failBody(code: string, message: string, metaStatus = 200) {
  return {meta: {status: metaStatus}, data: [], fail: [{errors: [{code, message}]}]};
}

test('HTTP 200 with an empty fail list is success', () => {
  assert.equal(
    classifyResponse(reply(200, {meta: {status: 200}, data: [{}], fail: []}), login),
    null,
  );
});

test('HTTP 200 with a non-empty fail list is a failure', () => {
  const error = classifyResponse(reply(200, failBody('err_something', 'It broke')), check);
  assert.equal(error?.errorClass, 'server');
  assert.match(error?.message ?? '', /"It broke", err_something/);
});

test('HTTP 200 with fail[] takes its class from meta.status', () => {
  const error = classifyResponse(reply(200, failBody('err_x', 'No role', 403)), check);
  assert.equal(error?.errorClass, 'permission');
});

test('401 at login is credentials, naming both causes and the password type', () => {
  const error = classifyResponse(reply(401, failBody('err_auth', 'Bad')), login);
  assert.equal(error?.errorClass, 'credentials');
  assert.match(error?.message ?? '', /password is wrong/);
  assert.match(error?.message ?? '', /domain password \(Basic-AD\)/);
  assert.match(error?.message ?? '', /eu-api\.mimecast\.com/);
});

test('401 on a signed call names the binding and the application key, and a skewed clock', () => {
  const plain = classifyResponse(reply(401, failBody('err_sig', 'Bad')), check);
  assert.equal(plain?.errorClass, 'credentials');
  assert.match(plain?.message ?? '', /application key/);
  assert.doesNotMatch(plain?.message ?? '', /clock/);

  const skewed = classifyResponse(
    reply(401, failBody('err_sig', 'Bad'), {date: 'Sun, 01 Mar 2026 10:42:00 GMT'}),
    check,
  );
  assert.match(skewed?.message ?? '', /clock is about 42 minutes off/);
});

test('403 is permission and names the roles to give', () => {
  const error = classifyResponse(reply(403, failBody('err_x', 'Forbidden')), check);
  assert.equal(error?.errorClass, 'permission');
  assert.match(error?.fix ?? '', /Basic Administrator/);
});

test('a 403 names what the refused call needs; a call that needs no role claims none', () => {
  const bare = {meta: {status: 403}, data: [], fail: [{errors: [{code: 'err_x'}]}]};
  const account = classifyResponse(reply(403, bare), check);
  assert.match(account?.message ?? '', /the get-account call needs Account \| Dashboard read/);
  const logout = classifyResponse(reply(403, bare), {...check, step: 'logout'});
  assert.equal(logout?.errorClass, 'permission');
  assert.doesNotMatch(logout?.message ?? '', /Account \| Dashboard/);
  assert.match(logout?.fix ?? '', /Services \| Exchange Services \(read and edit\)/);
});

test('418 and err_xdk_binding_expired are an expired binding with a re-bind fix', () => {
  for (const error of [
    classifyResponse(
      reply(418, failBody('err_xdk_binding_expired', 'AccessKey Has Expired')),
      check,
    ),
    classifyResponse(
      reply(200, failBody('err_xdk_binding_expired', 'AccessKey Has Expired')),
      check,
    ),
    classifyResponse(reply(418, ''), check),
  ]) {
    assert.equal(error?.errorClass, 'account-state');
    assert.match(error?.message ?? '', /binding expired/);
    assert.match(error?.fix ?? '', /Re-bind/);
  }
});

test('429 is rate-limited and says how long to wait from X-RateLimit-Reset (ms)', () => {
  const error = classifyResponse(
    reply(429, failBody('err_rate', 'Slow down'), {'x-ratelimit-reset': '2500'}),
    check,
  );
  assert.equal(error?.errorClass, 'rate-limited');
  assert.match(error?.message ?? '', /wait at least 3 s \(X-RateLimit-Reset: 2500 ms\)/);
});

test('5xx is a server failure', () => {
  const error = classifyResponse(reply(503, failBody('err_x', 'Down')), check);
  assert.equal(error?.errorClass, 'server');
  assert.match(error?.message ?? '', /HTTP 503/);
});

test('a 3xx is a wrong region or URL, naming where it pointed', () => {
  const error = classifyResponse(
    reply(302, '', {location: 'https://us-api.mimecast.com/api/login/login?x=1'}),
    {...login, step: 'discover'},
  );
  assert.equal(error?.errorClass, 'server');
  assert.match(
    error?.message ?? '',
    /redirect \(HTTP 302\) to https:\/\/us-api\.mimecast\.com\/api\/login\/login:/,
  );
  assert.match(error?.message ?? '', /wrong region/);
  assert.match(error?.fix ?? '', /discovery URL/);
});

test('a body that is not the envelope is server, saying a proxy may have answered', () => {
  const html = reply(200, '<html><body>Access denied</body></html>', {
    'content-type': 'text/html; charset=utf-8',
  });
  const error = classifyResponse(html, check);
  assert.equal(error?.errorClass, 'server');
  assert.match(
    error?.message ?? '',
    /HTTP 200 and a text\/html page that is not Mimecast API JSON/,
  );
  assert.match(error?.message ?? '', /proxy/);

  const otherJson = classifyResponse(reply(200, {hello: 'world'}), check);
  assert.equal(otherJson?.errorClass, 'server');
});

test('a proxy asking for authentication (407) is a network problem', () => {
  const error = classifyResponse(reply(407, 'Proxy Authentication Required'), check);
  assert.equal(error?.errorClass, 'network');
});

test('err_validation_* is input naming the field; err_developer_key is the app id or key', () => {
  const validation = classifyResponse(
    reply(200, {
      meta: {status: 400},
      data: [],
      fail: [{errors: [{code: 'err_validation_blank', message: 'blank', field: 'userName'}]}],
    }),
    login,
  );
  assert.equal(validation?.errorClass, 'input');
  assert.match(validation?.message ?? '', /"userName"/);

  const developerKey = classifyResponse(reply(401, failBody('err_developer_key', 'No app')), login);
  assert.equal(developerKey?.errorClass, 'credentials');
  assert.match(developerKey?.message ?? '', /application id or key/);
});

test('409 at login is a refused new binding (the per-user cap)', () => {
  const error = classifyResponse(reply(409, failBody('err_limit', 'Too many')), login);
  assert.equal(error?.errorClass, 'account-state');
  assert.match(error?.message ?? '', /another binding/);
});

test('server text is cut short, stripped of control characters and of secrets', () => {
  const echoed = `Bad password Very-Secret-Password\u001b[2J${'x'.repeat(400)}`;
  const error = classifyResponse(reply(401, failBody('err_auth', echoed)), login);
  const message = error?.message ?? '';
  assert.ok(!message.includes('Very-Secret-Password'));
  assert.ok(!message.includes('\u001b'));
  assert.match(message, /\[redacted\]/);
  assert.ok(message.length < 600, `message too long: ${message.length}`);
});
