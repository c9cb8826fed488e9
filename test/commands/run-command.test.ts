import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {ChildProcess} from 'node:child_process';
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {exitCodes} from '../../src/bind/errors.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {runCli} from '../helpers/run-cli.js';
import {noKeychain} from '../helpers/no-keychain.js';

/** `mse-bind run` as a Windows service or a systemd unit starts and stops it. */

let sims: DemoSimulators;
let root: string;

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-run-'));
});
after(async () => {
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

let count = 0;
/** A site bound by `bind --non-interactive`, which leaves the play control off. */
async function scriptedBind(): Promise<string> {
  const siteRoot = join(root, `site-${count++}`);
  await mkdir(siteRoot);
  return bindDemoSite(sims, siteRoot);
}

/** Sends `signal` to the child once it has logged a finished cycle. */
function afterFirstCycle(signal: NodeJS.Signals) {
  return (child: ChildProcess) => {
    let printed = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      printed += chunk.toString('utf8');
      if (/ cycle: /.test(printed)) child.kill(signal);
    });
  };
}

describe('mse-bind run --start', () => {
  it('starts the engine of a site bound by a script, checks it, and saves the play control on', async () => {
    const dir = await scriptedBind();
    const run = await runCli(['run', '--start', '--state-dir', dir, '--interval', '1'], {
      env: noKeychain,
      onSpawn: afterFirstCycle('SIGTERM'),
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /engine: started by --start/);
    assert.doesNotMatch(run.stdout, /paused by the play control/);
    assert.match(run.stdout, / cycle: binding ok .* directory ok .* exchange ok/);

    const status = await runCli(['status', '--json', '--state-dir', dir], {env: noKeychain});
    assert.equal(status.code, 0, status.stderr);
    assert.equal(JSON.parse(status.stdout).engineState, 'running');
  });

  it('is in the help', async () => {
    const help = await runCli(['--help']);
    assert.match(help.stdout, /^ {2}--start {2,}run: turn the play control on first/m);
    const runHelp = await runCli(['run', '--help']);
    assert.match(runHelp.stdout, /^ {2}--start {2,}turn the play control on first/m);
  });
});

describe('mse-bind run stopped by a signal', () => {
  it('exits 130 on Ctrl+C (SIGINT), as a person cancelling it', async () => {
    const dir = await scriptedBind();
    const run = await runCli(['run', '--start', '--state-dir', dir, '--interval', '1'], {
      env: noKeychain,
      onSpawn: afterFirstCycle('SIGINT'),
    });
    assert.equal(run.code, exitCodes.cancelled, run.stdout + run.stderr);
    assert.match(run.stdout, / cycle: /);
    assert.match(run.stdout, /engine: stopped\n$/);
  });

  it('exits 130 on SIGHUP, a hang-up, as on Ctrl+C', async () => {
    const dir = await scriptedBind();
    const run = await runCli(['run', '--start', '--state-dir', dir, '--interval', '1'], {
      env: noKeychain,
      onSpawn: afterFirstCycle('SIGHUP'),
    });
    assert.equal(run.code, exitCodes.cancelled, run.stdout + run.stderr);
    assert.match(run.stdout, / cycle: /);
    assert.match(run.stdout, /engine: stopped\n$/);
  });

  it('exits 0 on SIGTERM, a service manager stopping the service', async () => {
    const dir = await scriptedBind();
    const run = await runCli(['run', '--start', '--state-dir', dir, '--interval', '1'], {
      env: noKeychain,
      onSpawn: afterFirstCycle('SIGTERM'),
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, / cycle: /);
    assert.match(run.stdout, /engine: stopped\n$/);
  });
});

describe('mse-bind run with nothing bound', () => {
  it('exits 9 and names the bind of the state directory it was given', async () => {
    const dir = join(root, `unbound-${count++}`);
    const run = await runCli(['run', '--state-dir', dir], {env: noKeychain});
    assert.equal(run.code, exitCodes['not-found'], run.stdout + run.stderr);
    assert.match(
      run.stdout,
      new RegExp(
        ` engine: nothing is bound in ${dir}; run \`mse-bind --state-dir ${dir}\` to bind`,
      ),
    );
  });
});

describe('mse-bind run when a password stopped working', () => {
  it('logs which account was refused and exits 20, the re-bind command named', async () => {
    const dir = await scriptedBind();
    const user = sims.settings.exchange.user;
    sims.ews.setPassword(user, 'Rotated-Exchange-2026!');
    try {
      const run = await runCli(['run', '--start', '--state-dir', dir, '--interval', '1'], {
        env: noKeychain,
      });
      assert.equal(run.code, 20, run.stdout + run.stderr);
      assert.match(run.stdout, / cycle: binding ok .* exchange FAILED credentials: /);
      assert.match(
        run.stdout,
        new RegExp(
          'engine: stopped: the exchange check needs a re-bind; run ' +
            `\`mse-bind rebind --state-dir ${dir}\` and pick the Exchange account in a ` +
            'terminal, or from a script pipe its new password into ' +
            `\`mse-bind rebind --state-dir ${dir} --non-interactive --password-stdin ` +
            '--changed exchange`\n$',
        ),
      );
      assert.ok(!run.stdout.includes(sims.secrets.exchangePassword));
    } finally {
      sims.ews.setPassword(user, sims.secrets.exchangePassword);
    }
  });
});
