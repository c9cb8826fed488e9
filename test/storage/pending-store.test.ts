import assert from 'node:assert/strict';
import {mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {createRequire} from 'node:module';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {BindError} from '../../src/bind/errors.js';
import {
  deleteBinding,
  loadBinding,
  saveBinding,
  type StoreOptions,
} from '../../src/storage/binding-store.js';
import {keychainAccountFor} from '../../src/storage/data-key.js';
import {keyFilePath} from '../../src/storage/key-file.js';
import {keychainService, type KeytarApi} from '../../src/storage/keychain.js';
import type {PendingBinding} from '../../src/storage/pending-binding.js';
import {pendingFilePath} from '../../src/storage/pending-file.js';
import {
  forgetPendingBindings,
  loadPendingBindings,
  rememberPendingBinding,
} from '../../src/storage/pending-store.js';
import {startKeyringSession} from '../helpers/keyring-session.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';

/**
 * The record of bindings failed binds left at Mimecast: sealed with the state directory's data
 * key, one binding per user, application and region, cleared by a save of that identity.
 */
const keyring = await startKeyringSession();
const root = await mkdtemp(join(tmpdir(), 'mse-bind-pending-'));
after(async () => {
  await keyring.stop();
  await rm(root, {recursive: true, force: true});
});

const real = {skip: keyring.skip};
const record = sampleBindingRecord();

/** A binding a failed bind of the demo administrator left, with keys of its own. */
function left(accessKey: string, boundBy = record.binding.boundBy): PendingBinding {
  return {
    regionApi: record.account.regionApi,
    binding: {
      ...record.binding,
      boundBy,
      accessKey,
      secretKey: Buffer.from(`secret key of ${accessKey}`).toString('base64'),
    },
    appKey: 'wrong-app-key-7f3e9c2a',
    network: {caFile: '', proxyUrl: ''},
  };
}

async function keyFileStore(): Promise<StoreOptions> {
  return {stateDir: await mkdtemp(join(root, 'state-')), allowKeyFile: true, keyFileOnly: true};
}

async function keyInKeyring(stateDir: string): Promise<string | null> {
  const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;
  return keytar.getPassword(keychainService, await keychainAccountFor(stateDir));
}

test('a left binding is kept sealed: no key, secret or application key in the clear', async () => {
  const options = await keyFileStore();
  const kept = left('Left-AccessKey-0123456789abcdef');

  await rememberPendingBinding(kept, options);

  assert.deepEqual(await loadPendingBindings(options), [kept]);
  const file = await readFile(pendingFilePath(options.stateDir));
  assert.equal(file.subarray(0, 8).toString('ascii'), 'MSE-BIND');
  for (const value of [kept.binding.accessKey, kept.binding.secretKey, kept.appKey]) {
    assert.equal(file.includes(Buffer.from(value)), false, 'a value is in the clear');
    assert.equal(file.includes(Buffer.from(value).toString('base64')), false);
  }
  if (process.platform !== 'win32') {
    assert.equal((await stat(pendingFilePath(options.stateDir))).mode & 0o777, 0o600);
  }
  // Its data key alone is no leftover of a lost binding file: nothing is bound yet.
  assert.equal(await loadBinding(options), null);
});

test('one binding per user: a new one replaces it, another user keeps theirs', async () => {
  const options = await keyFileStore();
  const other = left('Other-User-AccessKey-0001', 'someone@contoso.example');
  await rememberPendingBinding(left('First-AccessKey-0001'), options);
  await rememberPendingBinding(other, options);

  await rememberPendingBinding(left('Second-AccessKey-0002'), options);

  const keys = (await loadPendingBindings(options)).map((entry) => entry.binding.accessKey);
  assert.deepEqual(keys.sort(), ['Other-User-AccessKey-0001', 'Second-AccessKey-0002']);
});

test('a save of that user clears theirs and keeps the others, under the same key', async () => {
  const options = await keyFileStore();
  const other = left('Other-User-AccessKey-0001', 'someone@contoso.example');
  await rememberPendingBinding(left('Mine-AccessKey-0001'), options);
  await rememberPendingBinding(other, options);
  const key = await readFile(keyFilePath(options.stateDir));

  await saveBinding(record, options);

  assert.deepEqual(await readFile(keyFilePath(options.stateDir)), key);
  assert.deepEqual(await loadPendingBindings(options), [other]);
  assert.deepEqual(await loadBinding(options), record);

  await saveBinding(
    {...record, binding: {...record.binding, boundBy: other.binding.boundBy}},
    {
      ...options,
    },
  );
  assert.deepEqual(await loadPendingBindings(options), []);
  assert.deepEqual((await readdir(options.stateDir)).sort(), ['binding.enc', 'binding.key']);
  // A later save without a keychain keeps the key file's key too.
  assert.deepEqual(await readFile(keyFilePath(options.stateDir)), key);
});

test('forgetting the last one takes its data key too, leaving no leftover key', async () => {
  const options = await keyFileStore();
  await rememberPendingBinding(left('Forgotten-AccessKey-0001'), options);

  await forgetPendingBindings(
    {
      email: record.binding.boundBy.toUpperCase(),
      appId: record.binding.appId,
      regionApi: record.account.regionApi,
    },
    options,
  );

  assert.deepEqual(await readdir(options.stateDir), []);
  assert.equal(await loadBinding(options), null);
});

test('a damaged record is reported with its own fix and left as it is', async () => {
  const options = await keyFileStore();
  await rememberPendingBinding(left('Damaged-AccessKey-0001'), options);
  const path = pendingFilePath(options.stateDir);
  const file = await readFile(path);
  file[file.length - 1] = (file[file.length - 1] ?? 0) ^ 0xff;
  await writeFile(path, file);

  await assert.rejects(loadPendingBindings(options), (error: unknown) => {
    assert.ok(error instanceof BindError);
    assert.equal(error.errorClass, 'storage');
    assert.match(error.message, /binding-pending\.enc failed its integrity check/);
    assert.match(error.fix, /^Delete .*binding-pending\.enc \(or run `mse-bind unbind`\)/);
    return true;
  });
  assert.deepEqual(await readFile(path), file);
});

test('deleting the local binding removes the record too', async () => {
  const options = await keyFileStore();
  await rememberPendingBinding(left('Deleted-AccessKey-0001'), options);

  const removed = await deleteBinding(options);

  assert.equal(removed.pendingFile, true);
  assert.deepEqual(await readdir(options.stateDir), []);
});

test('with a keychain: the key goes there, and the first save seals with it', real, async () => {
  const options = {stateDir: await mkdtemp(join(root, 'state-')), allowKeyFile: false};
  const other = left('Other-User-AccessKey-0001', 'someone@contoso.example');
  await rememberPendingBinding(other, options);
  const key = await keyInKeyring(options.stateDir);
  assert.ok(key, 'no data key in the keyring');
  assert.deepEqual(await readdir(options.stateDir), ['binding-pending.enc']);
  assert.equal(await loadBinding(options), null);

  const saved = await saveBinding(record, options);

  assert.equal(saved.keyLocation, 'keychain');
  assert.equal(await keyInKeyring(options.stateDir), key);
  assert.deepEqual(await loadPendingBindings(options), [other]);
  assert.deepEqual(await loadBinding(options), record);
  await deleteBinding(options);
  assert.equal(await keyInKeyring(options.stateDir), null);
});
