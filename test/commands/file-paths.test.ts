import assert from 'node:assert/strict';
import {mkdtemp, readdir, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {runCli} from '../helpers/run-cli.js';

let root: string;
before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mse-bind-simulate-'));
});
after(async () => {
  await rm(root, {recursive: true, force: true});
});

test('simulate --write-config to a path that cannot be written stops, says so, leaves nothing', async () => {
  // The child's temporary files go to a directory of this test's own, to be counted.
  const childTmp = await mkdtemp(join(root, 'tmp-'));
  for (const target of [root, join(root, 'missing', 'site.json')]) {
    const run = await runCli(['simulate', '--write-config', target], {env: {TMPDIR: childTmp}});
    assert.equal(run.code, exitCodes.input, run.stderr);
    assert.equal(run.stdout, '');
    assert.match(run.stderr, /The settings file .+ cannot be written \((EISDIR|ENOENT)\)/);
    assert.match(run.stderr, /the simulators were stopped/);
    assert.doesNotMatch(run.stderr, /unexpected error/);
    assert.deepEqual(await readdir(childTmp), [], 'a CA directory was left behind');
  }
});

test('a state directory that is a file is named as such, with the option that sets it', async () => {
  const file = join(root, 'not-a-directory');
  await writeFile(file, '');
  const run = await runCli(['status', '--state-dir', file]);
  assert.equal(run.code, exitCodes.storage);
  assert.match(run.stderr, /\(ENOTDIR\)/);
  assert.match(run.stderr, /Fix: A part of that path is a file, not a directory: give --state-dir/);
});
