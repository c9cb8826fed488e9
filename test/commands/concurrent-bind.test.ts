import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readdir} from 'node:fs/promises';
import {join} from 'node:path';
import {exitCodes} from '../../src/bind/errors.js';
import {type DemoSimulators} from '../../src/simulators/start-all.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {startSimulatedSite, type SimulatedSite} from '../helpers/simulated-site.js';
import {runCli, type CliRun} from '../helpers/run-cli.js';

/**
 * Two copies of the built program on one state directory, as two administrators' scripts (or
 * one script run twice by mistake) would start them: while one binds, the other must not
 * register a second binding at Mimecast whose save would then be lost.
 */
let sims: DemoSimulators;
let root: string;
let config: string;
let count = 0;

let site: SimulatedSite;

before(async () => {
  site = await startSimulatedSite('mse-bind-concurrent-');
  ({sims, root, config} = site);
});
after(async () => {
  await site.close();
});

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const secretsInput = () =>
  [
    sims.admin.password,
    sims.secrets.directoryPassword,
    sims.secrets.exchangePassword,
    sims.secrets.appKey,
  ].join('\n') + '\n';

function bind(dir: string, siteName: string): Promise<CliRun> {
  const args = ['bind', '--non-interactive', '--config', config, '--email', sims.admin.email];
  return runCli(
    [...args, '--password-stdin', '--state-dir', dir, '--allow-key-file', '--site-name', siteName],
    {input: secretsInput(), env: noKeychain},
  );
}

function connectionsToMimecast(): number {
  return Object.values(sims.mimecast.connectionsAccepted()).reduce((sum, n) => sum + n, 0);
}

/** Waits until a program started after `before` was counted is talking to Mimecast. */
async function talkingToMimecast(before: number, run: Promise<unknown>): Promise<void> {
  let finished = false;
  void run.finally(() => (finished = true));
  for (const started = Date.now(); connectionsToMimecast() === before; await sleep(20)) {
    assert.ok(!finished, 'the first program ended before it reached Mimecast');
    assert.ok(Date.now() - started < 15_000, 'the first program never reached Mimecast');
  }
}

/** Every reply held back, so that the first bind stays in flight while the second starts. */
async function withSlowMimecast<T>(work: () => Promise<T>): Promise<T> {
  sims.mimecast.setReplyDelay(3_000);
  try {
    return await work();
  } finally {
    sims.mimecast.setReplyDelay(0);
  }
}

describe('two binds of one state directory', () => {
  it('lets the first bind finish and stops the second before it sends anything', async () => {
    const dir = join(root, `state-${count++}`);
    const bindingsBefore = sims.mimecast.bindingsFor(sims.admin.email).length;

    const [first, second] = await withSlowMimecast(async () => {
      const connections = connectionsToMimecast();
      const running = bind(dir, 'Site1');
      await talkingToMimecast(connections, running);
      const refused = await bind(dir, 'Site2');
      return [await running, refused] as const;
    });

    assert.equal(second.code, exitCodes.storage, second.stdout + second.stderr);
    assert.ok(
      second.stdout.includes(
        `Another mse-bind is binding or changing the site in ${dir} right now.\n` +
          '    Fix: Wait for it to finish, then run this again.',
      ),
      second.stdout,
    );
    assert.match(second.stderr, /step 5 failed \(storage\)\. Nothing was saved\./);
    // Nothing ran: no step reached Mimecast, the directory or Exchange.
    for (const step of [1, 2, 3, 4]) {
      assert.match(
        second.stdout,
        new RegExp(`^\\[-\\] ${step} .*: skipped, not run: the state `, 'm'),
      );
    }
    assert.doesNotMatch(second.stdout, /^\[\+\]/m);

    assert.equal(first.code, 0, first.stdout + first.stderr);
    assert.equal(sims.mimecast.bindingsFor(sims.admin.email).length, bindingsBefore + 1);

    // The lock went with the first bind; status reads the binding as sound.
    assert.deepEqual((await readdir(dir)).sort(), ['binding.enc', 'binding.key']);
    const status = await runCli(['status', '--json', '--state-dir', dir], {env: noKeychain});
    assert.equal(status.code, 0, status.stderr);
    assert.equal((JSON.parse(status.stdout) as {siteName: string}).siteName, 'Site1');

    // Unbind leaves nothing behind, the lock included.
    const unbound = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.equal(unbound.code, 0, unbound.stderr);
    assert.deepEqual(await readdir(dir), []);
  });

  it('lets status read during a re-bind, and makes unbind wait briefly, then give up', async () => {
    const dir = await bindDemoSite(sims, await mkdtemp(join(root, 'site-')));
    const saved = (await readdir(dir)).sort();

    const [rebound, unbound] = await withSlowMimecast(async () => {
      const connections = connectionsToMimecast();
      const rebind = runCli(
        ['rebind', '--non-interactive', '--password-stdin', '--state-dir', dir],
        {input: `${sims.admin.password}\n`, env: noKeychain},
      );
      await talkingToMimecast(connections, rebind);
      // Readers take no lock, and the lock is no damage.
      const status = await runCli(['status', '--state-dir', dir], {env: noKeychain});
      assert.equal(status.code, 0, status.stdout + status.stderr);
      const started = Date.now();
      const refused = await runCli(['unbind', '--yes', '--local-only', '--state-dir', dir], {
        env: noKeychain,
      });
      assert.ok(Date.now() - started >= 1_500, 'unbind gave up without waiting');
      return [await rebind, refused] as const;
    });

    assert.equal(unbound.code, exitCodes.storage, unbound.stdout + unbound.stderr);
    assert.match(unbound.stderr, /Another mse-bind is binding or changing the site in .+ now\./);
    assert.equal(rebound.code, 0, rebound.stdout + rebound.stderr);
    assert.deepEqual((await readdir(dir)).sort(), saved);
  });

  it('releases the lock when a bind is interrupted', async () => {
    const dir = join(root, `state-${count++}`);
    const run = await withSlowMimecast(async () => {
      const connections = connectionsToMimecast();
      const args = ['bind', '--non-interactive', '--config', config, '--email', sims.admin.email];
      return runCli([...args, '--password-stdin', '--state-dir', dir, '--allow-key-file'], {
        input: secretsInput(),
        env: noKeychain,
        onSpawn: (child) => {
          const interrupt = async () => {
            await talkingToMimecast(connections, new Promise(() => undefined));
            child.kill('SIGINT');
          };
          void interrupt();
        },
      });
    });
    assert.equal(run.code, exitCodes.cancelled, run.stdout + run.stderr);
    assert.deepEqual(await readdir(dir), []);
    assert.equal((await bind(dir, 'Site3')).code, 0);
  });
});
