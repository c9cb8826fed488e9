import assert from 'node:assert/strict';
import {after, before, beforeEach, test} from 'node:test';
import {checkBinding, findAccount, registerBinding} from '../../../src/bind/mimecast/index.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {assertNoSecret} from '../../helpers/assert-no-secret.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {
  demoBindArgs,
  demoMimecast,
  demoMimecastSecrets,
  trustSimulator,
} from '../../helpers/mimecast-demo.js';

const admin = demoMimecast.admin;
let simulator: MimecastSimulator;

before(async () => {
  simulator = await startMimecastSimulator();
});
after(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.setPassword(admin.email, admin.password);
  simulator.setRoles(admin.email, ['Basic Administrator']);
});

test('discover, login and get-account bind the demo account', async () => {
  const now = new Date();
  const found = await findAccount({
    discoveryUrl: simulator.discoveryUrl,
    appId: demoMimecast.appId,
    email: admin.email,
    signal: new AbortController().signal,
    ...trustSimulator(simulator),
  });
  const {binding, account} = await registerBinding(
    demoBindArgs(simulator, {...found, now: () => now}),
  );

  assert.deepEqual(account, {
    code: demoMimecast.accountCode,
    name: demoMimecast.accountName,
    regionApi: simulator.regionApi,
  });
  assert.equal(binding.appId, demoMimecast.appId);
  assert.equal(binding.boundBy, admin.email);
  assert.equal(binding.boundAt, now.toISOString());
  assert.equal(Buffer.from(binding.secretKey, 'base64').length, 32);
  assert.ok(binding.expiresAt !== null && Date.parse(binding.expiresAt) > now.getTime());
  assert.ok(
    simulator.bindingsFor(admin.email).some((view) => view.accessKey === binding.accessKey),
  );

  const calls = simulator.requests().slice(-2);
  assert.deepEqual(
    calls.map((call) => [call.path, call.authorization, call.status]),
    [
      ['/api/login/login', 'Basic-Cloud', 200],
      ['/api/account/get-account', 'MC', 200],
    ],
  );
});

test('a wrong password is a credentials failure that leaks no secret', async () => {
  const error = await rejectsWithClass(
    registerBinding(demoBindArgs(simulator, {password: 'Wrong-Password-1!'})),
    'credentials',
  );
  assert.match(error.message, /password is wrong/);
  assertNoSecret(error, [...demoMimecastSecrets, 'Wrong-Password-1!']);
});

test('a wrong realm is 401; the message says which password type the user has', async () => {
  const error = await rejectsWithClass(
    registerBinding(demoBindArgs(simulator, {realm: 'Basic-AD'})),
    'auth-scheme',
  );
  assert.match(
    error.message,
    /signs in with a Mimecast cloud password \(Basic-Cloud\), not with a domain password/,
  );
  assert.equal(error.setting, 'password');
  assert.equal(simulator.requests().at(-1)?.status, 401);
  assertNoSecret(error, demoMimecastSecrets);
});

test('a re-bind with the saved access key refreshes one binding, minting none', async () => {
  const first = await registerBinding(demoBindArgs(simulator));
  const countAfterFirst = simulator.bindingsFor(admin.email).length;
  let accessKey = first.binding.accessKey;
  for (let round = 0; round < 4; round += 1) {
    const again = await registerBinding(demoBindArgs(simulator, {existingAccessKey: accessKey}));
    assert.equal(again.binding.accessKey, first.binding.accessKey);
    accessKey = again.binding.accessKey;
  }
  assert.equal(simulator.bindingsFor(admin.email).length, countAfterFirst);
  assert.equal(
    simulator.bindingsFor(admin.email).filter((view) => view.accessKey === accessKey).length,
    1,
  );
});

test('an expired binding is brought back by a re-bind with its access key', async () => {
  const {binding} = await registerBinding(demoBindArgs(simulator));
  simulator.expireBindings(admin.email);
  const again = await registerBinding(
    demoBindArgs(simulator, {existingAccessKey: binding.accessKey}),
  );
  assert.equal(again.binding.accessKey, binding.accessKey);
  const view = simulator.bindingsFor(admin.email).find((b) => b.accessKey === binding.accessKey);
  assert.ok(view?.expiresAt && view.expiresAt.getTime() > Date.now());
});

test('after a password rotation the old password fails and the new one binds', async () => {
  simulator.setPassword(admin.email, 'Rotated-Password-2!');
  await rejectsWithClass(registerBinding(demoBindArgs(simulator)), 'credentials');
  const {account} = await registerBinding(
    demoBindArgs(simulator, {password: 'Rotated-Password-2!'}),
  );
  assert.equal(account.code, demoMimecast.accountCode);
});

test('a user without a role to read the account is permission; no binding is left', async () => {
  simulator.setRoles(admin.email, []);
  const before = simulator.bindingsFor(admin.email).map((view) => view.accessKey);
  const error = await rejectsWithClass(registerBinding(demoBindArgs(simulator)), 'permission');
  assert.match(error.fix, /Basic Administrator/);
  assert.deepEqual(
    simulator.bindingsFor(admin.email).map((view) => view.accessKey),
    before,
    'the binding minted by the failed bind was not logged out',
  );
  assert.equal(simulator.requests().at(-1)?.path, '/api/login/logout');
});

test('refreshing at the cap adds no binding; one login past it locks the user out', async () => {
  const capped = await startMimecastSimulator({maxBindingsPerUser: 2});
  try {
    await registerBinding(demoBindArgs(capped));
    const {binding} = await registerBinding(demoBindArgs(capped));
    // At the cap, a re-bind refreshes the saved binding and still works.
    await registerBinding(demoBindArgs(capped, {existingAccessKey: binding.accessKey}));
    assert.equal(capped.bindingsFor(admin.email).length, 2);

    const error = await rejectsWithClass(registerBinding(demoBindArgs(capped)), 'account-state');
    assert.match(error.message, /as many bindings as Mimecast allows one user/);
    assert.match(error.message, /locked the user out/);
    assert.match(error.fix, /unlock/);
    assert.equal(capped.bindingsFor(admin.email).length, 2);

    // The lock stays: even the refresh that worked a moment ago is refused now.
    const locked = await rejectsWithClass(
      registerBinding(demoBindArgs(capped, {existingAccessKey: binding.accessKey})),
      'account-state',
    );
    assert.match(locked.message, /is locked/);
    capped.setUserState(admin.email, 'active');
    await registerBinding(demoBindArgs(capped, {existingAccessKey: binding.accessKey}));
  } finally {
    await capped.close();
  }
});

test('an application id the account never registered is refused', async () => {
  const error = await rejectsWithClass(
    registerBinding(demoBindArgs(simulator, {appId: '00000000-dead-beef-0000-000000000000'})),
    'credentials',
  );
  assert.match(error.message, /application id or key/);
});

test('a wrong application key fails the signed check as credentials, naming the key', async () => {
  const error = await rejectsWithClass(
    registerBinding(demoBindArgs(simulator, {appKey: 'Not-The-App-Key-123'})),
    'credentials',
  );
  assert.match(error.message, /application key/);
  assertNoSecret(error, [...demoMimecastSecrets, 'Not-The-App-Key-123']);
});

test('calling the global host for login is a redirect to the region, not followed', async () => {
  const error = await rejectsWithClass(
    registerBinding(demoBindArgs(simulator, {regionApi: simulator.discoveryUrl})),
    'server',
  );
  assert.ok(error.message.includes(`to ${simulator.regionApi}/api/login/login`), error.message);
});

test('an empty password or application key is refused before any traffic', async () => {
  const before = simulator.requests().length;
  await rejectsWithClass(registerBinding(demoBindArgs(simulator, {password: ''})), 'input');
  await rejectsWithClass(registerBinding(demoBindArgs(simulator, {appKey: ' '})), 'input');
  assert.equal(simulator.requests().length, before);
});

test('a refresh moves the expiry on; past its TTL a binding answers 418', async () => {
  const day = 24 * 60 * 60_000;
  let clock = new Date('2026-05-04T08:00:00Z');
  const now = () => clock;
  const timed = await startMimecastSimulator({now});
  try {
    const ttl = 7 * day;
    const first = await registerBinding(demoBindArgs(timed, {now}));
    assert.equal(first.binding.expiresAt, new Date(clock.getTime() + ttl).toISOString());

    clock = new Date(clock.getTime() + 3 * day);
    const refreshed = await registerBinding(
      demoBindArgs(timed, {now, existingAccessKey: first.binding.accessKey}),
    );
    assert.equal(refreshed.binding.accessKey, first.binding.accessKey);
    const [view] = timed.bindingsFor(admin.email);
    assert.equal(view?.expiresAt?.getTime(), clock.getTime() + ttl);

    clock = new Date(clock.getTime() + ttl + 1);
    const signed = {
      regionApi: timed.regionApi,
      appId: demoMimecast.appId,
      appKey: demoMimecast.appKey,
      binding: refreshed.binding,
      signal: new AbortController().signal,
      now,
      ...trustSimulator(timed),
    };
    await rejectsWithClass(checkBinding(signed), 'account-state');
    assert.equal(timed.requests().at(-1)?.status, 418);
  } finally {
    await timed.close();
  }
});

test('expired bindings do not count toward the cap: a new bind works past them', async () => {
  const capped = await startMimecastSimulator({maxBindingsPerUser: 2});
  try {
    await registerBinding(demoBindArgs(capped));
    await registerBinding(demoBindArgs(capped));
    assert.equal(capped.expireBindings(admin.email), 2);

    const {account} = await registerBinding(demoBindArgs(capped));
    assert.equal(account.code, demoMimecast.accountCode);
    const live = capped
      .bindingsFor(admin.email)
      .filter((view) => view.expiresAt === null || view.expiresAt.getTime() > Date.now());
    assert.equal(live.length, 1);
  } finally {
    await capped.close();
  }
});
