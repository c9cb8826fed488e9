import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {mkdir, mkdtemp, readdir, rm, symlink, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {emptySettings} from '../../src/bind/settings.js';
import {runCli} from '../helpers/run-cli.js';
import {noKeychain} from '../helpers/no-keychain.js';

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

/**
 * `bind --non-interactive` into `stateDir`. The lock, and with it the state directory, is taken
 * before anything is sent, so no server is needed; a run that has not ended after 15 s is killed
 * (SIGKILL: a busy loop ignores SIGTERM), and then has no exit code.
 */
async function bindInto(stateDir: string) {
  const config = join(root, 'site.json');
  const settings = emptySettings();
  await writeSettingsFile(config, {
    ...settings,
    siteName: 'Head office',
    mimecast: {...settings.mimecast, appId: 'app-1'},
    directory: {...settings.directory, host: '127.0.0.1', bindName: 'cn=svc'},
    exchange: {...settings.exchange, ewsUrl: 'https://127.0.0.1/EWS/Exchange.asmx', user: 'svc'},
  });
  const args = ['bind', '--non-interactive', '--config', config, '--email', 'a@contoso.example'];
  return runCli([...args, '--password-stdin', '--state-dir', stateDir, '--allow-key-file'], {
    input: 'Admin-Secret-1\nDirectory-Secret-1\nExchange-Secret-1\nApp-Key-Secret-1\n',
    env: noKeychain,
    onSpawn: (child) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
      child.once('exit', () => clearTimeout(timer));
    },
  });
}

test(
  'a state directory under a parent that cannot hold one (/proc) ends bind with a storage error',
  {skip: !existsSync('/proc/self') && 'needs a /proc file system'},
  async () => {
    const run = await bindInto('/proc/mse-bind-state');
    assert.equal(run.code, exitCodes.storage, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /Could not create the state directory \/proc\/mse-bind-state: \/proc cannot hold a new directory\./,
    );
    assert.doesNotMatch(run.stdout, /\[\+\]/, 'a step ran without the lock');
  },
);

test('a state directory under a link to nothing ends bind naming the link', async () => {
  const link = join(root, 'unmounted-volume');
  await symlink(join(root, 'missing'), link);
  const run = await bindInto(join(link, 'state'));
  assert.equal(run.code, exitCodes.storage, run.stdout + run.stderr);
  assert.match(run.stdout, new RegExp(`${link} is a symbolic link to ${join(root, 'missing')}`));
  assert.equal(existsSync(join(root, 'missing')), false);
});

test('a step fix naming a command gives it as it runs here: the --state-dir, and --yes', async () => {
  const dir = join(root, 'damaged-pending');
  await mkdir(dir, {mode: 0o700});
  await writeFile(join(dir, 'binding-pending.enc'), 'not a sealed file');
  const run = await bindInto(dir);
  assert.equal(run.code, exitCodes.storage, run.stdout + run.stderr);
  const advised = /\(or run `(mse-bind unbind[^`]*)`\)/.exec(run.stdout)?.[1];
  assert.equal(advised, `mse-bind unbind --state-dir ${dir} --yes`, run.stdout);

  // Word for word, in the same place: a script without a terminal.
  const unbind = await runCli(advised.split(' ').slice(1), {env: noKeychain});
  assert.equal(unbind.code, 0, unbind.stdout + unbind.stderr);
  assert.deepEqual(await readdir(dir), []);
});
