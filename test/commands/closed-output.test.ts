import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {closeSync, openSync} from 'node:fs';
import {mkdir, mkdtemp, readFile} from 'node:fs/promises';
import {join} from 'node:path';
import {exitCodes} from '../../src/bind/errors.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {closeStderr, closeStdoutAfter, stackFrame} from '../helpers/closed-output.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {startSimulatedSite, type SimulatedSite} from '../helpers/simulated-site.js';
import {runCli, type CliOptions} from '../helpers/run-cli.js';

/**
 * Output that can no longer be written (a script's `| head` that has read enough, a log pipe
 * that died, a full disk) is taken as a hang-up by every command: no stack trace, a running
 * bind cancelled through its own clean-up so that no binding is orphaned at Mimecast, and exit
 * code 130 where it would have been 0. The simulators are this file's own, so the binding count
 * of their administrator is what these runs made.
 */
let sims: DemoSimulators;
let root: string;
let config: string;

let site: SimulatedSite;

before(async () => {
  site = await startSimulatedSite('mse-bind-closed-output-');
  ({sims, root, config} = site);
});
after(async () => {
  await site.close();
});

let count = 0;
async function stateDir(): Promise<string> {
  return mkdtemp(join(root, `state-${count++}-`));
}

/** A site bound by a script, for the commands that need one. */
async function boundSite(): Promise<string> {
  const siteRoot = join(root, `site-${count++}`);
  await mkdir(siteRoot);
  return bindDemoSite(sims, siteRoot);
}

const bindings = () => sims.mimecast.bindingsFor(sims.admin.email).length;

function bind(dir: string, extra: string[], options: CliOptions) {
  const secrets = [
    sims.admin.password,
    sims.secrets.directoryPassword,
    sims.secrets.exchangePassword,
    sims.secrets.appKey,
  ];
  const args = ['bind', '--non-interactive', '--config', config, '--email', sims.admin.email];
  return runCli([...args, '--password-stdin', '--state-dir', dir, '--allow-key-file', ...extra], {
    input: `${secrets.join('\n')}\n`,
    env: noKeychain,
    ...options,
  });
}

/** Runs `work` with every Mimecast reply held back, so a step 2 is in flight long enough. */
async function withSlowMimecast<T>(work: () => Promise<T>): Promise<T> {
  sims.mimecast.setReplyDelay(300);
  try {
    return await work();
  } finally {
    sims.mimecast.setReplyDelay(0);
  }
}

/** Runs `work` with a file descriptor of /dev/full, where every write fails with ENOSPC. */
async function withFullDevice<T>(work: (fd: number) => Promise<T>): Promise<T> {
  const fd = openSync('/dev/full', 'w');
  try {
    return await work(fd);
  } finally {
    closeSync(fd);
  }
}

describe('bind --non-interactive whose output is closed', () => {
  for (const json of [false, true]) {
    const mode = json ? ' with --json' : '';
    it(`cancels the bind at step 2 and leaves no binding when step 1's line fails${mode}`, async () => {
      const dir = await stateDir();
      const before = bindings();
      // Steps 3 and 4 answer before step 1, whose reply is held back: step 1's line is the
      // first write after the close, and step 2's login is on its way when it fails.
      const run = await withSlowMimecast(() =>
        bind(dir, json ? ['--json'] : [], {onSpawn: closeStdoutAfter(2)}),
      );

      assert.equal(run.code, exitCodes.cancelled, run.stdout + run.stderr);
      assert.doesNotMatch(run.stderr, stackFrame, 'no stack trace');
      await assert.rejects(readFile(join(dir, 'binding.enc')), {code: 'ENOENT'});
      await assert.rejects(readFile(join(dir, 'binding-pending.enc')), {code: 'ENOENT'});
      assert.equal(bindings(), before, 'a binding was left at Mimecast');
    });
  }

  it('keeps the binding it was saving when step 2 had passed, and it can be unbound', async () => {
    const dir = await stateDir();
    const before = bindings();
    // Closed while step 2 is in flight, as `| head -3` does: step 2's own line fails, after
    // step 2 passed, and the save that follows is never cut short.
    const run = await withSlowMimecast(() => bind(dir, [], {onSpawn: closeStdoutAfter(3)}));

    assert.equal(run.code, exitCodes.cancelled, run.stdout + run.stderr);
    assert.doesNotMatch(run.stderr, stackFrame, 'no stack trace');
    assert.doesNotMatch(run.stdout, /\[\+\] 2 /);
    const status = await runCli(['status', '--json', '--state-dir', dir], {env: noKeychain});
    assert.equal(status.code, 0, status.stderr);
    assert.equal(bindings(), before + 1);
    // The one binding added is the saved one: logging that out leaves none behind.
    const unbound = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.equal(unbound.code, 0, unbound.stdout + unbound.stderr);
    assert.equal(bindings(), before, 'a binding was orphaned at Mimecast');
  });

  it('saves nothing and leaves no binding when stdout is a full device', async () => {
    const dir = await stateDir();
    const before = bindings();
    const run = await withFullDevice((fd) => bind(dir, [], {stdoutFd: fd}));

    assert.equal(run.code, exitCodes.cancelled, run.stderr);
    assert.doesNotMatch(run.stderr, stackFrame, 'no stack trace');
    assert.match(run.stderr, /^mse-bind: step \d failed \(cancelled\)\. Nothing was saved\.\n$/);
    await assert.rejects(readFile(join(dir, 'binding.enc')), {code: 'ENOENT'});
    assert.equal(bindings(), before, 'a binding was left at Mimecast');
  });

  it('keeps the failure code of a bind that failed, with stderr closed', async () => {
    const dir = await stateDir();
    const secrets = ['Not-The-Password-1!', sims.secrets.directoryPassword];
    const args = ['bind', '--non-interactive', '--config', config, '--email', sims.admin.email];
    const run = await runCli(
      [...args, '--password-stdin', '--state-dir', dir, '--allow-key-file'],
      {
        input: `${[...secrets, sims.secrets.exchangePassword, sims.secrets.appKey].join('\n')}\n`,
        env: noKeychain,
        onSpawn: closeStderr,
      },
    );

    assert.equal(run.code, exitCodes.credentials, run.stdout);
    assert.match(run.stdout, /^\[x\] 2 /m);
  });
});

describe('rebind --non-interactive whose output is closed', () => {
  it('cancels the re-bind: the saved binding unchanged, no binding added', async () => {
    const dir = await boundSite();
    const saved = await readFile(join(dir, 'binding.enc'));
    const before = bindings();
    const run = await withSlowMimecast(() =>
      runCli(['rebind', '--non-interactive', '--password-stdin', '--state-dir', dir], {
        input: `${sims.admin.password}\n`,
        env: noKeychain,
        onSpawn: closeStdoutAfter(0),
      }),
    );

    assert.equal(run.code, exitCodes.cancelled, run.stderr);
    assert.doesNotMatch(run.stderr, stackFrame, 'no stack trace');
    assert.match(run.stderr, /The saved binding is unchanged/);
    assert.deepEqual(await readFile(join(dir, 'binding.enc')), saved);
    assert.equal(bindings(), before);
  });
});

describe('commands that only print, whose output is closed', () => {
  it('status --json exits 130 without a stack trace on a full device', async () => {
    const dir = await boundSite();
    const run = await withFullDevice((fd) =>
      runCli(['status', '--json', '--state-dir', dir], {env: noKeychain, stdoutFd: fd}),
    );
    assert.equal(run.code, exitCodes.cancelled, run.stderr);
    assert.equal(run.stderr, '');
  });

  it('simulate stops its simulators and exits 130 when its line cannot be written', async () => {
    const run = await runCli(['simulate'], {onSpawn: closeStdoutAfter(0)});
    assert.equal(run.code, exitCodes.cancelled, run.stderr);
    assert.doesNotMatch(run.stderr, stackFrame, 'no stack trace');
  });

  it('unbind that had logged out exits 130 with the binding gone here and at Mimecast', async () => {
    const dir = await boundSite();
    const before = bindings();
    const run = await runCli(['unbind', '--yes', '--state-dir', dir], {
      env: noKeychain,
      onSpawn: closeStdoutAfter(0),
    });
    assert.equal(run.code, exitCodes.cancelled, run.stderr);
    assert.doesNotMatch(run.stderr, stackFrame, 'no stack trace');
    await assert.rejects(readFile(join(dir, 'binding.enc')), {code: 'ENOENT'});
    assert.equal(bindings(), before - 1);
  });
});

describe('run whose log pipe is closed', () => {
  it('stops at its next line and exits 130 without a stack trace', async () => {
    const dir = await boundSite();
    // Without the stop the engine would log a cycle a second until the helper's deadline.
    const run = await runCli(['run', '--start', '--state-dir', dir, '--interval', '1'], {
      env: noKeychain,
      onSpawn: closeStdoutAfter(1),
    });
    assert.equal(run.code, exitCodes.cancelled, run.stdout + run.stderr);
    assert.doesNotMatch(run.stderr, stackFrame, 'no stack trace');
    assert.match(run.stdout, /engine: started by --start/);
  });
});
