import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {mkdtemp, rm} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {BindError} from '../../src/bind/errors.js';
import {keychainService, openKeychain, type KeytarApi} from '../../src/storage/keychain.js';
import {startKeyringSession} from '../helpers/keyring-session.js';
import {deadBusAddress, runStoreChild} from '../helpers/run-store-child.js';

const keyring = await startKeyringSession();
const scratch = await mkdtemp(join(tmpdir(), 'mse-bind-keychain-'));
after(async () => {
  await keyring.stop();
  await rm(scratch, {recursive: true, force: true});
});

const real = {skip: keyring.skip};
const linuxOnly = {skip: keyring.skip || (process.platform !== 'linux' && 'Linux texts')};

type KeytarListing = {
  findCredentials(service: string): Promise<Array<{account: string; password: string}>>;
};

function keytarItself(): KeytarListing {
  return createRequire(import.meta.url)('keytar') as KeytarListing;
}

function isCancelled(error: unknown): boolean {
  return error instanceof BindError && error.errorClass === 'cancelled';
}

test('entries round-trip through the real Secret Service under "mse-bind"', real, async () => {
  const keychain = await openKeychain();
  assert.equal(keychain.available, true);
  if (!keychain.available) return;
  const account = `test-${randomBytes(4).toString('hex')}`;
  const secret = randomBytes(32).toString('base64');

  await keychain.set(account, secret);

  assert.equal(await keychain.get(account), secret);
  // Another process on the same bus finds it: it is in the keyring, not in this process.
  const seen = await runStoreChild(
    {op: 'keychain-entry', stateDir: scratch, allowKeyFile: false, account},
    {},
  );
  assert.deepEqual(seen, {ok: true, value: secret});
  const listed = await keytarItself().findCredentials(keychainService);
  assert.ok(listed.some((entry) => entry.account === account));

  assert.equal(await keychain.delete(account), true);
  assert.equal(await keychain.get(account), null);
  assert.equal(await keychain.delete(account), false);
});

test('the availability probe leaves no entry behind', real, async () => {
  const before = await keytarItself().findCredentials(keychainService);
  assert.equal((await openKeychain()).available, true);
  const after = await keytarItself().findCredentials(keychainService);
  assert.deepEqual(
    after.map((entry) => entry.account).sort(),
    before.map((entry) => entry.account).sort(),
  );
});

test('a cancelled call stores nothing', real, async () => {
  const keychain = await openKeychain();
  if (!keychain.available) assert.fail(keychain.reason);
  const account = `cancelled-${randomBytes(4).toString('hex')}`;

  await assert.rejects(keychain.set(account, 'value', AbortSignal.abort()), isCancelled);
  assert.equal(await keychain.get(account), null);
  await assert.rejects(openKeychain({signal: AbortSignal.abort()}), isCancelled);
});

test('no D-Bus session: unavailable, with the reason and the Linux fix', linuxOnly, async () => {
  const outcome = await runStoreChild(
    {op: 'open-keychain', stateDir: scratch, allowKeyFile: false},
    {DBUS_SESSION_BUS_ADDRESS: undefined, DISPLAY: undefined},
  );
  assert.equal(outcome.ok, true);
  const value = (outcome as {value: {available: boolean; reason: string; fix: string}}).value;
  assert.equal(value.available, false);
  assert.match(value.reason, /no D-Bus session/);
  assert.match(value.fix, /gnome-keyring/);
});

test('a bus address nothing listens on: unavailable, naming the bus', linuxOnly, async () => {
  const outcome = await runStoreChild(
    {op: 'open-keychain', stateDir: scratch, allowKeyFile: false},
    {DBUS_SESSION_BUS_ADDRESS: deadBusAddress(scratch)},
  );
  assert.equal(outcome.ok, true);
  const value = (outcome as {value: {available: boolean; reason: string; fix: string}}).value;
  assert.equal(value.available, false);
  assert.match(value.reason, /DBUS_SESSION_BUS_ADDRESS cannot be reached/);
  assert.match(value.fix, /Secret Service/);
});

test('without keytar installed: unavailable, asking for the optional dependency', async () => {
  const notInstalled = () => {
    throw Object.assign(new Error("Cannot find module 'keytar'"), {code: 'MODULE_NOT_FOUND'});
  };
  const keychain = await openKeychain({loadKeytar: notInstalled, platform: 'win32'});
  assert.deepEqual(keychain, {
    available: false,
    reason: 'the keytar module is not installed',
    fix: 'Reinstall mse-bind with its optional dependencies so keytar is present.',
  });
});

/** A keyring that never answers, as one waiting on an unlock prompt nobody can see. */
const silentKeytar: KeytarApi = {
  getPassword: () => new Promise(() => undefined),
  setPassword: () => new Promise(() => undefined),
  deletePassword: () => new Promise(() => undefined),
};

test('a keychain that never answers counts as unavailable after the deadline', async () => {
  const keychain = await openKeychain({
    loadKeytar: () => silentKeytar,
    platform: 'linux',
    probeTimeoutMs: 50,
  });
  assert.equal(keychain.available, false);
  if (keychain.available) return;
  assert.match(keychain.reason, /no answer within 0.05 s/);
});

test('cancelling while the probe waits throws cancelled at once', async () => {
  const controller = new AbortController();
  const opening = openKeychain({loadKeytar: () => silentKeytar, signal: controller.signal});
  setTimeout(() => controller.abort(), 10);
  await assert.rejects(opening, isCancelled);
});
