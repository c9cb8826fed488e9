import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {chmod, mkdtemp, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {BindError} from '../../src/bind/errors.js';
import {deleteKeyFile, keyFilePath, readKeyFile, writeKeyFile} from '../../src/storage/key-file.js';

const posix = process.platform !== 'win32';
const roots: string[] = [];
after(() => Promise.all(roots.map((dir) => rm(dir, {recursive: true, force: true}))));

async function stateDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mse-bind-keyfile-'));
  roots.push(dir);
  return dir;
}

test('the key file holds exactly the 32-byte key, mode 0600, beside the data', async () => {
  const dir = await stateDir();
  const key = randomBytes(32);

  const path = await writeKeyFile(dir, key);

  assert.equal(path, join(dir, 'binding.key'));
  assert.deepEqual(await readFile(path), key);
  if (posix) assert.equal((await stat(path)).mode & 0o777, 0o600);
  assert.deepEqual(await readKeyFile(dir), key);
});

test('no key file reads as null, and deleting says whether there was one', async () => {
  const dir = await stateDir();
  assert.equal(await readKeyFile(dir), null);
  assert.equal(await deleteKeyFile(dir), false);

  await writeKeyFile(dir, randomBytes(32));
  assert.equal(await deleteKeyFile(dir), true);
  assert.equal(await readKeyFile(dir), null);
});

test('a key file of the wrong size is reported as damaged', async () => {
  const dir = await stateDir();
  await writeFile(keyFilePath(dir), randomBytes(31), {mode: 0o600});

  await assert.rejects(readKeyFile(dir), (error: unknown) => {
    assert.ok(error instanceof BindError && error.errorClass === 'storage');
    assert.match(error.message, /damaged \(31 bytes instead of 32\)/);
    return true;
  });
});

test(
  'a key file other users can read is refused, without showing the key',
  {
    skip: !posix,
  },
  async () => {
    const dir = await stateDir();
    const key = randomBytes(32);
    await writeKeyFile(dir, key);
    await chmod(keyFilePath(dir), 0o644);

    await assert.rejects(readKeyFile(dir), (error: unknown) => {
      assert.ok(error instanceof BindError && error.errorClass === 'storage');
      assert.match(error.message, /can be read by other users \(mode 0644\)/);
      assert.match(error.fix, /chmod 600/);
      assert.equal(error.message.includes(key.toString('base64')), false);
      return true;
    });
  },
);

test('reading is cancellable', async () => {
  const dir = await stateDir();
  await writeKeyFile(dir, randomBytes(32));
  await assert.rejects(readKeyFile(dir, AbortSignal.abort()), (error: unknown) => {
    return error instanceof BindError && error.errorClass === 'cancelled';
  });
});
