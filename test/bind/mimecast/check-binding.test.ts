import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {
  checkBinding,
  logout,
  registerBinding,
  type MimecastBinding,
  type SignedCallArgs,
} from '../../../src/bind/mimecast/index.js';
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

let simulator: MimecastSimulator;

before(async () => {
  simulator = await startMimecastSimulator();
});
after(async () => {
  await simulator.close();
});

async function freshBinding(): Promise<SignedCallArgs> {
  const {binding} = await registerBinding(demoBindArgs(simulator));
  return signedArgs(binding);
}

function signedArgs(binding: MimecastBinding, overrides: Partial<SignedCallArgs> = {}) {
  return {
    regionApi: simulator.regionApi,
    appId: demoMimecast.appId,
    appKey: demoMimecast.appKey,
    binding,
    signal: new AbortController().signal,
    ...trustSimulator(simulator),
    ...overrides,
  };
}

test('a live binding names its account', async () => {
  const args = await freshBinding();
  const account = await checkBinding(args);
  assert.equal(account.code, demoMimecast.accountCode);
  assert.equal(account.name, demoMimecast.accountName);
});

test('an expired binding (HTTP 418) is account-state with a re-bind fix', async () => {
  const args = await freshBinding();
  simulator.expireBindings(demoMimecast.admin.email);
  const error = await rejectsWithClass(checkBinding(args), 'account-state');
  assert.equal(simulator.requests().at(-1)?.status, 418);
  assert.match(error.message, /binding expired/);
  assert.match(error.message, /err_xdk_binding_expired/);
  assert.match(error.fix, /Re-bind the site/);
  assertNoSecret(error, [...demoMimecastSecrets, args.binding.secretKey]);
});

test('a signature made with the wrong secret key is refused as credentials', async () => {
  const args = await freshBinding();
  const forged = {...args.binding, secretKey: Buffer.alloc(32, 7).toString('base64')};
  const error = await rejectsWithClass(checkBinding(signedArgs(forged)), 'credentials');
  assert.equal(simulator.requests().at(-1)?.status, 401);
  assertNoSecret(error, [...demoMimecastSecrets, forged.secretKey, args.binding.secretKey]);
});

test('a clock far off Mimecast is refused, and the message says the clock is off', async () => {
  const args = await freshBinding();
  const anHourAgo = () => new Date(Date.now() - 60 * 60_000);
  const error = await rejectsWithClass(checkBinding({...args, now: anHourAgo}), 'credentials');
  assert.match(error.message, /clock is about 60 minutes off/);
  assert.match(error.fix, /clock/);
});

test('a binding of another application id is refused before any traffic', async () => {
  const args = await freshBinding();
  const before = simulator.requests().length;
  await rejectsWithClass(checkBinding({...args, appId: 'another-app-id'}), 'input');
  assert.equal(simulator.requests().length, before);
});

test('logout ends the binding at Mimecast; checking it afterwards is credentials', async () => {
  const args = await freshBinding();
  await logout(args);
  assert.ok(
    !simulator
      .bindingsFor(demoMimecast.admin.email)
      .some((view) => view.accessKey === args.binding.accessKey),
  );
  assert.equal(simulator.requests().at(-1)?.authorization, 'MC');
  await rejectsWithClass(checkBinding(args), 'credentials');
});
