import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {
  checkBinding,
  findAccount,
  logout,
  registerBinding,
  type RetryPolicy,
  type SignedCallArgs,
} from '../../../src/bind/mimecast/index.js';
import {
  simFaults,
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {demoBindArgs, demoMimecast, trustSimulator} from '../../helpers/mimecast-demo.js';

const admin = demoMimecast.admin;
const discoverPath = '/api/login/discover-authentication';
const loginPath = '/api/login/login';
const accountPath = '/api/account/get-account';
const quick = {serverBackoffMs: 2};
let simulator: MimecastSimulator;

before(async () => {
  simulator = await startMimecastSimulator();
});
after(async () => {
  await simulator.close();
});

/** The requests to a path from here on, with their statuses. */
function watch(path: string): () => number[] {
  const from = simulator.requests().length;
  return () =>
    simulator
      .requests()
      .slice(from)
      .filter((request) => request.path === path)
      .map((request) => request.status);
}

function discover(signal = new AbortController().signal, retry: Partial<RetryPolicy> = quick) {
  return findAccount({
    discoveryUrl: simulator.discoveryUrl,
    appId: demoMimecast.appId,
    email: admin.email,
    signal,
    retry,
    ...trustSimulator(simulator),
  });
}

async function signed(): Promise<SignedCallArgs> {
  const {binding} = await registerBinding(demoBindArgs(simulator));
  return {
    regionApi: simulator.regionApi,
    appId: demoMimecast.appId,
    appKey: demoMimecast.appKey,
    binding,
    signal: new AbortController().signal,
    retry: quick,
    ...trustSimulator(simulator),
  };
}

test('a 429 on login is waited out for X-RateLimit-Reset ms, then the login runs', async () => {
  const logins = watch(loginPath);
  simulator.failNext(loginPath, simFaults.rateLimited(80));
  const started = Date.now();
  const {binding} = await registerBinding(demoBindArgs(simulator));
  assert.ok(Date.now() - started >= 80, 'the client did not wait X-RateLimit-Reset');
  assert.deepEqual(logins(), [429, 200]);
  assert.ok(simulator.bindingsFor(admin.email).some((b) => b.accessKey === binding.accessKey));
});

test('429s are waited out a bounded number of times', async () => {
  const logins = watch(loginPath);
  const limited = simFaults.rateLimited(1);
  simulator.failNext(loginPath, limited, limited, limited);
  await rejectsWithClass(
    registerBinding(demoBindArgs(simulator, {retry: {rateLimitRetries: 2}})),
    'rate-limited',
  );
  assert.deepEqual(logins(), [429, 429, 429]);
});

test('a reset longer than the client waits is reported at once, with the wait', async () => {
  const logins = watch(loginPath);
  simulator.failNext(loginPath, simFaults.rateLimited(60_000));
  const started = Date.now();
  const error = await rejectsWithClass(registerBinding(demoBindArgs(simulator)), 'rate-limited');
  assert.ok(Date.now() - started < 2_000);
  assert.match(error.message, /wait at least 60 s/);
  assert.deepEqual(logins(), [429]);
});

test('a cancel during a 429 wait ends it at once', async () => {
  simulator.failNext(loginPath, simFaults.rateLimited(5_000));
  const controller = new AbortController();
  const pending = registerBinding(demoBindArgs(simulator, {signal: controller.signal}));
  setTimeout(() => controller.abort(), 100);
  const started = Date.now();
  await rejectsWithClass(pending, 'cancelled');
  assert.ok(Date.now() - started < 1_000, 'the wait was not cut short');
});

test('discovery is tried again after 5xx, with backoff, and then succeeds', async () => {
  const discoveries = watch(discoverPath);
  simulator.failNext(discoverPath, simFaults.serverError(503), simFaults.serverError(500));
  const started = Date.now();
  const found = await discover(undefined, {serverBackoffMs: 100});
  // 100 ms after the first failure, 200 ms after the second.
  assert.ok(Date.now() - started >= 300, 'the retries did not wait out the backoff');
  assert.equal(found.regionApi, simulator.regionApi);
  assert.deepEqual(discoveries(), [503, 500, 200]);
});

test('get-account is tried again after a 5xx and after a fail entry marked retryable', async () => {
  const args = await signed();
  const checks = watch(accountPath);
  const retryable = {
    status: 200,
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({
      meta: {status: 500},
      data: [],
      fail: [{errors: [{code: 'err_busy', message: 'Busy', retryable: true}]}],
    }),
  };
  simulator.failNext(accountPath, simFaults.serverError(502), retryable);
  const account = await checkBinding(args);
  assert.equal(account.code, demoMimecast.accountCode);
  assert.deepEqual(checks(), [502, 200, 200]);
});

test('a login that failed with 5xx is never repeated: it may have made a binding', async () => {
  const logins = watch(loginPath);
  const before = simulator.bindingsFor(admin.email).length;
  // The login runs, then a gateway loses its reply.
  simulator.failNext(loginPath, simFaults.serverError(502, true));
  await rejectsWithClass(registerBinding(demoBindArgs(simulator)), 'server');
  assert.deepEqual(logins(), [502]);
  assert.equal(simulator.bindingsFor(admin.email).length, before + 1);
});

test('a logout that failed with 5xx is not repeated either', async () => {
  const args = await signed();
  const logouts = watch('/api/login/logout');
  simulator.failNext('/api/login/logout', simFaults.serverError(503));
  await rejectsWithClass(logout(args), 'server');
  assert.deepEqual(logouts(), [503]);
});
