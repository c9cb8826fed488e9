import assert from 'node:assert/strict';
import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import type {BindingRecord} from '../../src/storage/binding-record.js';
import {
  dataFilePath,
  deleteBinding,
  loadBinding,
  readStatus,
  saveBinding,
  setEngineState,
  type StoreOptions,
} from '../../src/storage/binding-store.js';
import {openEnvelope, sealEnvelope} from '../../src/storage/crypto.js';
import {decodeDataKey, keychainAccountFor} from '../../src/storage/data-key.js';
import {keyFilePath} from '../../src/storage/key-file.js';
import {
  keychainService,
  openKeychain,
  type Keychain,
  type KeytarApi,
} from '../../src/storage/keychain.js';
import {startKeyringSession} from '../helpers/keyring-session.js';
import {deadBusAddress, runStoreChild} from '../helpers/run-store-child.js';
import {sampleBindingRecord, secretValuesOf} from '../helpers/sample-binding.js';

const keyring = await startKeyringSession();
const root = await mkdtemp(join(tmpdir(), 'mse-bind-store-'));
after(async () => {
  await keyring.stop();
  await rm(root, {recursive: true, force: true});
});

const real = {skip: keyring.skip};
const posix = process.platform !== 'win32';
const record = sampleBindingRecord();
const secrets = secretValuesOf(record);

async function store(allowKeyFile = false): Promise<StoreOptions> {
  return {stateDir: await mkdtemp(join(root, 'state-')), allowKeyFile};
}

async function keychain(): Promise<Keychain> {
  const opened = await openKeychain();
  if (!opened.available) assert.fail(`keychain unavailable: ${opened.reason}`);
  return opened;
}

/** The raw keyring entry for a state directory, read with keytar itself, not the adapter. */
async function keyInKeyring(stateDir: string): Promise<string | null> {
  const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;
  return keytar.getPassword(keychainService, await keychainAccountFor(stateDir));
}

/** The same entry as another process on the bus finds it: it is in the Secret Service. */
async function keyInKeyringFromAnotherProcess(stateDir: string): Promise<string | null> {
  const account = await keychainAccountFor(stateDir);
  const outcome = await runStoreChild(
    {op: 'keychain-entry', stateDir, allowKeyFile: false, account},
    {},
  );
  assert.equal(outcome.ok, true);
  return (outcome as {value: string | null}).value;
}

function assertNoSecrets(text: string, what: string): void {
  for (const secret of secrets) {
    assert.equal(text.includes(secret), false, `${what} shows a secret`);
  }
}

function failsWith(errorClass: ErrorClass, pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof BindError, `expected a BindError, got ${String(error)}`);
    assert.equal(error.errorClass, errorClass);
    assert.match(error.message, pattern);
    assertNoSecrets(`${error.message} ${error.fix}`, 'the error');
    return true;
  };
}

test('a binding round-trips; its key is in the keyring, not the state dir', real, async () => {
  const options = await store();

  const result = await saveBinding(record, options);

  const dataFile = dataFilePath(options.stateDir);
  assert.deepEqual(result, {keyLocation: 'keychain', dataFile, keyFile: null});
  assert.deepEqual(await loadBinding(options), record);
  assert.deepEqual(await readdir(options.stateDir), ['binding.enc']);

  const stored = await keyInKeyringFromAnotherProcess(options.stateDir);
  assert.ok(stored, 'no data key in the keyring');
  assert.equal(await keyInKeyring(options.stateDir), stored);
  const key = decodeDataKey(stored, 'the keyring');
  const file = await readFile(dataFile);
  assert.deepEqual(JSON.parse(openEnvelope(file, key, dataFile).toString('utf8')), record);
  assert.equal(file.includes(key), false);
  assert.equal(file.includes(Buffer.from(stored)), false);
});

test('the file holds no secret in the clear and is mode 0600', real, async () => {
  const options = await store();
  await saveBinding(record, options);
  const file = await readFile(dataFilePath(options.stateDir));

  for (const secret of [...secrets, record.settings.siteName, record.account.code]) {
    assert.equal(file.includes(Buffer.from(secret)), false, 'a value is in the clear');
    assert.equal(file.includes(Buffer.from(secret).toString('base64')), false);
  }
  if (posix) {
    assert.equal((await stat(dataFilePath(options.stateDir))).mode & 0o777, 0o600);
    assert.equal((await stat(options.stateDir)).mode & 0o077, 0);
  }
});

test('later saves reuse the data key and replace the file whole', real, async () => {
  const options = await store();
  await saveBinding(record, options);
  const firstKey = await keyInKeyring(options.stateDir);
  const firstFile = await readFile(dataFilePath(options.stateDir));

  const rebound: BindingRecord = {
    ...record,
    binding: {...record.binding, boundAt: '2026-04-01T08:00:00.000Z'},
  };
  await saveBinding(rebound, options);

  assert.equal(await keyInKeyring(options.stateDir), firstKey);
  assert.notDeepEqual(await readFile(dataFilePath(options.stateDir)), firstFile);
  assert.deepEqual(await loadBinding(options), rebound);
});

test('a tampered byte is reported as tampering and the file is never replaced', real, async () => {
  const options = await store();
  await saveBinding(record, options);
  const dataFile = dataFilePath(options.stateDir);
  const tampered = await readFile(dataFile);
  tampered[tampered.length - 5] = (tampered[tampered.length - 5] ?? 0) ^ 0x20;
  await writeFile(dataFile, tampered);

  await assert.rejects(loadBinding(options), failsWith('storage', /tampered/));
  await assert.rejects(readStatus(options), failsWith('storage', /tampered/));
  await assert.rejects(saveBinding(record, options), failsWith('storage', /tampered/));
  await assert.rejects(setEngineState('running', options), failsWith('storage', /tampered/));

  assert.deepEqual(await readFile(dataFile), tampered);
});

test('a truncated file is reported as truncated and never replaced', real, async () => {
  const options = await store();
  await saveBinding(record, options);
  const dataFile = dataFilePath(options.stateDir);
  const truncated = (await readFile(dataFile)).subarray(0, 100);
  await writeFile(dataFile, truncated);

  await assert.rejects(loadBinding(options), failsWith('storage', /is truncated \(100 of \d+/));
  await assert.rejects(saveBinding(record, options), failsWith('storage', /truncated/));

  assert.deepEqual(await readFile(dataFile), truncated);
});

test('a cancelled save leaves the old binding as it was', real, async () => {
  const options = await store();
  await saveBinding(record, options);
  const before = await readFile(dataFilePath(options.stateDir));
  const keyBefore = await keyInKeyring(options.stateDir);
  const changed: BindingRecord = {...record, engine: {state: 'running'}};

  await assert.rejects(
    saveBinding(changed, {...options, signal: AbortSignal.abort()}),
    failsWith('cancelled', /Cancelled/),
  );
  const controller = new AbortController();
  const saving = saveBinding(changed, {...options, signal: controller.signal});
  controller.abort();
  await assert.rejects(saving, failsWith('cancelled', /Cancelled/));

  assert.deepEqual(await readFile(dataFilePath(options.stateDir)), before);
  assert.equal(await keyInKeyring(options.stateDir), keyBefore);
  assert.deepEqual(await readdir(options.stateDir), ['binding.enc']);
});

test('a first save that fails takes its new key back out of the keychain', real, async () => {
  const options = await store();
  const unreadable = {...record, engine: {state: 'sideways'}} as unknown as BindingRecord;

  await assert.rejects(
    saveBinding(unreadable, options),
    failsWith('storage', /engine\.state is missing or not one of running, paused/),
  );

  assert.deepEqual(await readdir(options.stateDir), []);
  assert.equal(await keyInKeyring(options.stateDir), null);
});

test('two state directories never share a data key', real, async () => {
  const first = await store();
  const second = await store();
  await saveBinding(record, first);
  await saveBinding(record, second);

  assert.notEqual(
    await keychainAccountFor(first.stateDir),
    await keychainAccountFor(second.stateDir),
  );
  const firstKey = await keyInKeyring(first.stateDir);
  const secondKey = await keyInKeyring(second.stateDir);
  assert.ok(firstKey && secondKey);
  assert.notEqual(firstKey, secondKey);

  // One directory's file cannot be opened with the other's key.
  await writeFile(dataFilePath(second.stateDir), await readFile(dataFilePath(first.stateDir)));
  await assert.rejects(loadBinding(second), failsWith('storage', /integrity check/));
});

test('status names site, account, targets and key location, and no secret', real, async () => {
  const options = await store();
  await saveBinding(record, options);

  const status = await readStatus(options);

  assert.ok(status);
  assert.equal(status.siteName, 'Contoso London');
  assert.deepEqual(status.account, {
    code: 'CUK12A34',
    name: 'Contoso Ltd',
    regionApi: record.account.regionApi,
  });
  assert.equal(status.boundBy, 'admin@contoso.example');
  assert.equal(status.boundAt, record.binding.boundAt);
  assert.equal(status.expiresAt, record.binding.expiresAt);
  assert.equal(status.directory.host, '127.0.0.1');
  assert.equal(status.directory.baseDn, record.settings.directory.baseDn);
  assert.equal(status.exchange.ewsUrl, record.settings.exchange.ewsUrl);
  assert.equal(status.engineState, 'paused');
  assert.equal(status.keyLocation, 'keychain');
  assertNoSecrets(JSON.stringify(status), 'the status');
});

test('not bound: load and status say null', real, async () => {
  const options = await store();
  assert.equal(await loadBinding(options), null);
  assert.equal(await readStatus(options), null);
  const never = {stateDir: join(root, 'never-created'), allowKeyFile: false};
  assert.equal(await loadBinding(never), null);
});

test('the engine state is rewritten with the same key', real, async () => {
  const options = await store();
  await saveBinding(record, options);
  const key = await keyInKeyring(options.stateDir);

  const result = await setEngineState('running', options);

  assert.equal(result.keyLocation, 'keychain');
  assert.equal((await loadBinding(options))?.engine.state, 'running');
  assert.equal((await readStatus(options))?.engineState, 'running');
  assert.equal(await keyInKeyring(options.stateDir), key);
  assert.deepEqual(await readdir(options.stateDir), ['binding.enc']);

  const empty = await store();
  await assert.rejects(setEngineState('running', empty), failsWith('storage', /No binding/));
});

test('an unknown schema version is named', real, async () => {
  const options = await store();
  await saveBinding(record, options);
  const key = decodeDataKey((await keyInKeyring(options.stateDir)) ?? '', 'the keyring');
  const future = Buffer.from(JSON.stringify({...record, schemaVersion: 99}));
  await writeFile(dataFilePath(options.stateDir), sealEnvelope(future, key, 'keychain'));

  await assert.rejects(loadBinding(options), failsWith('storage', /schema version 99/));
});

test(
  'key gone from the keychain, or file gone beside the key: both said plainly',
  real,
  async () => {
    const options = await store();
    await saveBinding(record, options);
    const account = await keychainAccountFor(options.stateDir);
    const dataFile = dataFilePath(options.stateDir);
    const file = await readFile(dataFile);

    await (await keychain()).delete(account);
    await assert.rejects(
      loadBinding(options),
      failsWith('storage', /exists but its data key is missing from the OS keychain/),
    );
    await assert.rejects(saveBinding(record, options), failsWith('storage', /missing/));
    assert.deepEqual(await readFile(dataFile), file);

    const other = await store();
    await saveBinding(record, other);
    await rm(dataFilePath(other.stateDir));
    await assert.rejects(
      loadBinding(other),
      failsWith('storage', /in the OS keychain, but the binding file .* is missing/),
    );
    // Binding again replaces the leftover key.
    await saveBinding(record, other);
    assert.deepEqual(await loadBinding(other), record);
  },
);

test('deleting forgets the file and the keychain entry', real, async () => {
  const options = await store();
  await saveBinding(record, options);

  assert.deepEqual(await deleteBinding(options), {
    dataFile: true,
    pendingFile: false,
    keyFile: false,
    keychainKey: true,
    keychainReachable: true,
  });
  assert.deepEqual(await readdir(options.stateDir), []);
  assert.equal(await keyInKeyring(options.stateDir), null);
  assert.equal(await loadBinding(options), null);
  assert.deepEqual(await deleteBinding(options), {
    dataFile: false,
    pendingFile: false,
    keyFile: false,
    keychainKey: false,
    keychainReachable: true,
  });
});

// On a machine without a keychain: another process whose D-Bus address leads nowhere.

test('no keychain and no key file allowed: a storage error with the fix', real, async () => {
  const {stateDir} = await store();
  const noBus = {DBUS_SESSION_BUS_ADDRESS: deadBusAddress(root)};

  const outcome = await runStoreChild({op: 'save', stateDir, allowKeyFile: false, record}, noBus);

  assert.equal(outcome.ok, false);
  if (outcome.ok) return;
  assert.equal(outcome.error.errorClass, 'storage');
  assert.match(
    outcome.error.message,
    /^No OS keychain is available: the D-Bus session bus .* cannot be reached$/,
  );
  assert.match(outcome.error.fix, /gnome-keyring/);
  assert.ok(
    outcome.error.fix.endsWith(
      ', or pass --allow-key-file to keep the key in a file beside the data (weaker)',
    ),
  );
  assertNoSecrets(JSON.stringify(outcome), 'the error');
  assert.deepEqual(await readdir(stateDir), []);
});

test('no keychain, key file allowed: a 0600 key file beside the data', real, async () => {
  const {stateDir} = await store(true);
  const noBus = {DBUS_SESSION_BUS_ADDRESS: deadBusAddress(root)};

  const saved = await runStoreChild({op: 'save', stateDir, allowKeyFile: true, record}, noBus);

  const dataFile = dataFilePath(stateDir);
  const keyFile = keyFilePath(stateDir);
  assert.deepEqual(saved, {ok: true, value: {keyLocation: 'key-file', dataFile, keyFile}});
  assert.deepEqual((await readdir(stateDir)).sort(), ['binding.enc', 'binding.key']);
  const key = await readFile(keyFile);
  assert.equal(key.length, 32);
  if (posix) assert.equal((await stat(keyFile)).mode & 0o777, 0o600);
  assert.deepEqual(
    JSON.parse(openEnvelope(await readFile(dataFile), key, dataFile).toString('utf8')),
    record,
  );

  const loaded = await runStoreChild({op: 'load', stateDir, allowKeyFile: false}, noBus);
  assert.deepEqual(loaded, {ok: true, value: record});
  const status = await runStoreChild({op: 'status', stateDir, allowKeyFile: false}, noBus);
  assert.equal((status as {value: {keyLocation: string}}).value.keyLocation, 'key-file');
  assertNoSecrets(JSON.stringify(status), 'the status');
  assert.equal(await keyInKeyring(stateDir), null);

  // Where a keychain is available, the same binding loads, and the next save moves the key.
  assert.deepEqual(await loadBinding({stateDir, allowKeyFile: false}), record);
  const moved = await saveBinding(record, {stateDir, allowKeyFile: false});
  assert.equal(moved.keyLocation, 'keychain');
  assert.deepEqual(await readdir(stateDir), ['binding.enc']);
  assert.ok(await keyInKeyring(stateDir));
  assert.deepEqual(await loadBinding({stateDir, allowKeyFile: false}), record);
});

test('a key-file binding is not re-saved without the option', real, async () => {
  const {stateDir} = await store(true);
  const noBus = {DBUS_SESSION_BUS_ADDRESS: deadBusAddress(root)};
  await runStoreChild({op: 'save', stateDir, allowKeyFile: true, record}, noBus);
  const before = await readFile(dataFilePath(stateDir));

  const outcome = await runStoreChild({op: 'save', stateDir, allowKeyFile: false, record}, noBus);

  assert.equal(outcome.ok, false);
  assert.match(JSON.stringify(outcome), /allow-key-file/);
  assert.deepEqual(await readFile(dataFilePath(stateDir)), before);
});

test('a key-file-only store never touches a working keychain', real, async () => {
  const options = {...(await store()), keyFileOnly: true};
  const result = await saveBinding(record, options);
  assert.equal(result.keyLocation, 'key-file');
  assert.equal(await keyInKeyring(options.stateDir), null);
  assert.equal((await stat(keyFilePath(options.stateDir))).size, 32);
  assert.deepEqual(await loadBinding(options), record);
});
