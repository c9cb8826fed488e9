import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';
import {BindError} from '../../src/bind/errors.js';
import {atomicWriteFile} from '../../src/storage/atomic-write.js';

const posix = process.platform !== 'win32';
const roots: string[] = [];
after(() => Promise.all(roots.map((dir) => rm(dir, {recursive: true, force: true}))));

async function scratchDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'mse-bind-atomic-'));
  roots.push(dir);
  return dir;
}

function isStorageError(errorClass: string) {
  return (error: unknown) => error instanceof BindError && error.errorClass === errorClass;
}

test('writes the data with mode 0600 and leaves no temporary file', async () => {
  const dir = await scratchDir();
  const target = join(dir, 'binding.enc');

  await atomicWriteFile(target, Buffer.from('first'));

  assert.equal(await readFile(target, 'utf8'), 'first');
  assert.deepEqual(await readdir(dir), ['binding.enc']);
  if (posix) assert.equal((await stat(target)).mode & 0o777, 0o600);
});

test('replaces an existing file, whatever its old mode', async () => {
  const dir = await scratchDir();
  const target = join(dir, 'binding.enc');
  await writeFile(target, 'old', {mode: 0o644});

  await atomicWriteFile(target, Buffer.from('new'));

  assert.equal(await readFile(target, 'utf8'), 'new');
  assert.deepEqual(await readdir(dir), ['binding.enc']);
  if (posix) assert.equal((await stat(target)).mode & 0o777, 0o600);
});

test('sets the exact mode even under a umask that would narrow it', {skip: !posix}, async () => {
  const dir = await scratchDir();
  const target = join(dir, 'binding.enc');
  const saved = process.umask(0o277);
  try {
    await atomicWriteFile(target, Buffer.from('data'));
  } finally {
    process.umask(saved);
  }
  assert.equal((await stat(target)).mode & 0o777, 0o600);
});

test('a failing rename leaves what was there untouched and no temporary file', async () => {
  const dir = await scratchDir();
  const target = join(dir, 'binding.enc');
  // A non-empty directory in the target's place: the final rename over it must fail.
  await mkdir(target);
  await writeFile(join(target, 'keep'), 'kept');

  await assert.rejects(atomicWriteFile(target, Buffer.from('new')), (error: unknown) => {
    assert.ok(isStorageError('storage')(error));
    assert.match((error as BindError).message, /Could not write .*binding\.enc/);
    return true;
  });

  assert.deepEqual(await readdir(dir), ['binding.enc']);
  assert.equal(await readFile(join(target, 'keep'), 'utf8'), 'kept');
});

test('a failing temporary file (missing directory) is a storage error', async () => {
  const dir = await scratchDir();
  const target = join(dir, 'missing', 'binding.enc');

  await assert.rejects(atomicWriteFile(target, Buffer.from('x')), (error: unknown) => {
    assert.ok(isStorageError('storage')(error));
    assert.match((error as BindError).message, /ENOENT/);
    return true;
  });
});

test('cancelled before it starts: nothing is written', async () => {
  const dir = await scratchDir();
  const target = join(dir, 'binding.enc');
  await writeFile(target, 'old');

  await assert.rejects(
    atomicWriteFile(target, Buffer.from('new'), {signal: AbortSignal.abort()}),
    isStorageError('cancelled'),
  );

  assert.equal(await readFile(target, 'utf8'), 'old');
  assert.deepEqual(await readdir(dir), ['binding.enc']);
});

test('cancelled while writing: the old file stays and the temporary file is removed', async () => {
  const dir = await scratchDir();
  const target = join(dir, 'binding.enc');
  await writeFile(target, 'old');
  const controller = new AbortController();

  const writing = atomicWriteFile(target, Buffer.alloc(32 * 1024 * 1024, 7), {
    signal: controller.signal,
  });
  setImmediate(() => controller.abort());

  await assert.rejects(writing, isStorageError('cancelled'));
  assert.equal(await readFile(target, 'utf8'), 'old');
  assert.deepEqual(await readdir(dir), ['binding.enc']);
});
