import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {BindError} from '../../src/bind/errors.js';
import {checkKeyStorage} from '../../src/storage/key-storage-check.js';
import {startKeyringSession} from '../helpers/keyring-session.js';
import {deadBusAddress, runStoreChild} from '../helpers/run-store-child.js';

const keyring = await startKeyringSession();
const stateDir = await mkdtemp(join(tmpdir(), 'mse-bind-keycheck-'));
after(async () => {
  await keyring.stop();
  await rm(stateDir, {recursive: true, force: true});
});

const real = {skip: keyring.skip};

test('a working keychain: no warning, nothing written', real, async () => {
  assert.equal(await checkKeyStorage({stateDir, allowKeyFile: false}), null);
  assert.equal(await checkKeyStorage({stateDir, allowKeyFile: true}), null);
  assert.deepEqual(await readdir(stateDir), []);
});

test('no keychain, key file allowed: a warning naming the key file', real, async () => {
  const outcome = await runStoreChild(
    {op: 'check-key-storage', stateDir, allowKeyFile: true},
    {DBUS_SESSION_BUS_ADDRESS: deadBusAddress(stateDir)},
  );
  assert.equal(outcome.ok, true);
  const warning = (outcome as {value: string}).value;
  assert.match(warning, /^Weaker storage: data key in /);
  assert.ok(warning.includes(join(stateDir, 'binding.key')));
  assert.match(warning, /no OS keychain: the D-Bus session bus .* cannot be reached\)$/);
});

test('no keychain and no key file: the error the save would raise', real, async () => {
  const outcome = await runStoreChild(
    {op: 'check-key-storage', stateDir, allowKeyFile: false},
    {DBUS_SESSION_BUS_ADDRESS: deadBusAddress(stateDir)},
  );
  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.error.errorClass, 'storage');
  assert.match(outcome.error.message, /^No OS keychain is available: /);
  assert.match(outcome.error.fix, /--allow-key-file/);
});

test('cancelled before it asks', async () => {
  await assert.rejects(
    checkKeyStorage({stateDir, allowKeyFile: false, signal: AbortSignal.abort()}),
    (error: unknown) => error instanceof BindError && error.errorClass === 'cancelled',
  );
});
