import {after, afterEach, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {once} from 'node:events';
import {mkdtemp, readdir, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {lockDirName, lockSite} from '../../src/storage/site-lock.js';
import {SiteBusyError} from '../../src/storage/site-busy.js';
import {startLockHolder, type LockHolder} from '../helpers/run-lock-holder.js';

/**
 * The state directory's lock between processes: another process holds it in these tests, as a
 * second mse-bind would. proper-lockfile's shortest stale time (2 s) keeps them quick.
 */
const staleMs = 2_000;
const root = await mkdtemp(join(tmpdir(), 'mse-bind-lock-'));
let count = 0;
const holders: LockHolder[] = [];

function stateDir(): string {
  return join(root, `state-${count++}`);
}

async function holder(dir: string): Promise<LockHolder> {
  const started = await startLockHolder(dir, staleMs);
  holders.push(started);
  return started;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

afterEach(() => {
  for (const {child} of holders.splice(0)) child.kill('SIGKILL');
});
after(() => rm(root, {recursive: true, force: true}));

describe('site lock', () => {
  it('creates the state directory privately; the lock is an empty directory, gone on release', async () => {
    const dir = stateDir();
    const lock = await lockSite(dir, {wait: false, create: true, staleMs});
    assert.equal((await stat(dir)).mode & 0o777, 0o700);
    assert.deepEqual(await readdir(dir), [lockDirName]);
    assert.deepEqual(await readdir(join(dir, lockDirName)), []);

    await lock.release();
    await lock.release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('refuses at once while another live process holds it, however long that takes', async () => {
    const dir = stateDir();
    await holder(dir);

    const started = Date.now();
    await assert.rejects(lockSite(dir, {wait: false, create: true, staleMs}), (error) => {
      assert.ok(error instanceof SiteBusyError);
      assert.equal(error.errorClass, 'storage');
      assert.equal(
        error.message,
        `Another mse-bind is binding or changing the site in ${dir} right now.`,
      );
      assert.equal(error.fix, 'Wait for it to finish, then run this again.');
      return true;
    });
    assert.ok(Date.now() - started < 1_000, 'a bind must not wait for the lock');

    // The holder keeps its lock fresh: past the stale time it is still refused.
    await sleep(staleMs + 1_000);
    await assert.rejects(lockSite(dir, {wait: false, create: true, staleMs}), SiteBusyError);
  });

  it('takes over the lock of a killed process once it has gone stale', async () => {
    const dir = stateDir();
    const killed = await holder(dir);
    killed.child.kill('SIGKILL');
    await once(killed.child, 'exit');

    // SIGKILL leaves the lock behind, still fresh.
    assert.deepEqual(await readdir(dir), [lockDirName]);
    await assert.rejects(lockSite(dir, {wait: false, create: true, staleMs}), SiteBusyError);

    // A new lock's time is rounded up to the next second, so it may lie up to 1 s ahead.
    await sleep(staleMs + 1_500);
    const lock = await lockSite(dir, {wait: false, create: true, staleMs});
    await lock.release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('is removed when its holder is interrupted', async () => {
    const dir = stateDir();
    const interrupted = await holder(dir);
    interrupted.child.kill('SIGINT');
    await once(interrupted.child, 'exit');
    assert.deepEqual(await readdir(dir), []);
  });

  it('waits about two seconds for a short change of the binding, then gives up', async () => {
    const dir = stateDir();
    const other = await holder(dir);

    const started = Date.now();
    await assert.rejects(lockSite(dir, {wait: true, create: false, staleMs}), SiteBusyError);
    const waited = Date.now() - started;
    assert.ok(waited >= 1_500 && waited < 4_000, `waited ${waited} ms`);

    const waiting = lockSite(dir, {wait: true, create: false, staleMs});
    await sleep(300);
    await other.release();
    await (await waiting).release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('makes a second lock in the same process wait for the first', async () => {
    const dir = stateDir();
    const first = await lockSite(dir, {wait: false, create: true, staleMs});
    let secondTaken = false;
    const second = lockSite(dir, {wait: false, create: true, staleMs}).then((lock) => {
      secondTaken = true;
      return lock;
    });
    await sleep(100);
    assert.equal(secondTaken, false);

    await first.release();
    await (await second).release();
    assert.deepEqual(await readdir(dir), []);
  });

  it('leaves a missing state directory alone unless asked to create it', async () => {
    const dir = stateDir();
    const lock = await lockSite(dir, {wait: true, create: false, staleMs});
    await lock.release();
    await assert.rejects(stat(dir), {code: 'ENOENT'});
  });
});
