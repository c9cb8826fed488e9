import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {spawn} from 'node:child_process';
import {readFile, stat} from 'node:fs/promises';
import {connect, type Socket} from 'node:net';
import {join} from 'node:path';
import {exitCodes} from '../../src/bind/errors.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {rebindNeededExitCode} from '../../src/engine/rebind-needed.js';
import {setEngineState} from '../../src/storage/binding-store.js';
import {startSimulatedSite, type SimulatedSite} from '../helpers/simulated-site.js';
import {bundle, projectRoot, runCli} from '../helpers/run-cli.js';
import {noKeychain} from '../helpers/no-keychain.js';

/**
 * The commands around a bind, as scripts and services use them: simulate, status, unbind,
 * the headless engine, and the wizard refusing to start without a terminal.
 */

let sims: DemoSimulators;
let root: string;
let config: string;

let site: SimulatedSite;

before(async () => {
  site = await startSimulatedSite('mse-bind-lifecycle-');
  ({sims, root, config} = site);
});
after(async () => {
  await site.close();
});

let count = 0;
async function boundStateDir(): Promise<string> {
  const dir = join(root, `state-${count++}`);
  const secrets = [
    sims.admin.password,
    sims.secrets.directoryPassword,
    sims.secrets.exchangePassword,
    sims.secrets.appKey,
  ];
  const args = ['bind', '--non-interactive', '--config', config, '--email', sims.admin.email];
  const run = await runCli([...args, '--password-stdin', '--state-dir', dir, '--allow-key-file'], {
    input: `${secrets.join('\n')}\n`,
    env: noKeychain,
  });
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return dir;
}

/** Starts `mse-bind simulate` and reads its JSON line. */
async function startSimulate(args: string[] = []) {
  const child = spawn(process.execPath, [bundle, 'simulate', ...args], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const line = await new Promise<string>((resolve, reject) => {
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      if (text.includes('\n')) resolve(text.slice(0, text.indexOf('\n')));
    });
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`simulate exited ${code}`)));
  });
  const exited = () =>
    new Promise<number | null>((resolve) => {
      child.removeAllListeners('close');
      child.on('close', (code) => resolve(code));
    });
  return {child, summary: JSON.parse(line) as Record<string, string>, exited};
}

describe('mse-bind simulate', () => {
  it('prints one JSON line with every field, writes a settings file without secrets, stops on SIGINT', async () => {
    const file = join(root, 'simulated.json');
    const {child, summary, exited: whenExited} = await startSimulate(['--write-config', file]);
    for (const field of [
      'discoveryUrl',
      'ewsUrl',
      'ldapUrl',
      'baseDn',
      'adminEmail',
      'adminPassword',
      'directoryUser',
      'directoryPassword',
      'exchangeUser',
      'exchangePassword',
      'appId',
      'appKey',
      'oauthTenant',
      'oauthClientId',
      'oauthClientSecret',
      'oauthAuthorityUrl',
      'caFile',
    ]) {
      assert.equal(typeof summary[field], 'string', field);
      assert.notEqual(summary[field], '', field);
    }
    assert.match(summary.discoveryUrl ?? '', /^https:\/\/127\.0\.0\.1:\d+$/);

    const written = await readFile(file, 'utf8');
    const secrets = ['adminPassword', 'directoryPassword', 'exchangePassword', 'appKey'];
    for (const secret of [...secrets, 'oauthClientSecret']) {
      assert.ok(!written.includes(summary[secret] ?? '?'), `${secret} in the settings file`);
    }
    assert.equal(JSON.parse(written).network.caFile, summary.caFile);

    const exited = whenExited();
    child.kill('SIGINT');
    assert.equal(await exited, 0);
  });

  it('stops cleanly on SIGINT sent the moment its line arrives, and removes its CA', async () => {
    // A script that stops the simulators as soon as it has read where they are; the window for
    // a signal to come before the handlers is narrow, hence a few rounds.
    for (let round = 0; round < 5; round++) {
      const child = spawn(process.execPath, [bundle, 'simulate'], {
        cwd: projectRoot,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let text = '';
      child.stdout.on('data', (chunk: Buffer) => {
        if (text === '') child.kill('SIGINT');
        text += chunk.toString('utf8');
      });
      const code = await new Promise((resolve) => child.on('close', resolve));
      assert.equal(code, 0, `round ${round}`);
      const summary = JSON.parse(text.slice(0, text.indexOf('\n'))) as {caFile: string};
      await assert.rejects(readFile(summary.caFile), {code: 'ENOENT'});
    }
  });

  it('stops at once on SIGINT while clients hold connections open, and removes its CA', async () => {
    const {child, summary, exited: whenExited} = await startSimulate();
    // Connections that never send a byte: no request, no TLS handshake.
    const held = await Promise.all(
      ['discoveryUrl', 'ewsUrl', 'ldapUrl', 'oauthAuthorityUrl'].map((field) => {
        const url = new URL(summary[field] ?? '');
        return new Promise<Socket>((resolve, reject) => {
          const socket = connect(Number(url.port), url.hostname, () => resolve(socket));
          socket.on('error', reject);
        });
      }),
    );
    try {
      const exited = whenExited();
      const started = performance.now();
      child.kill('SIGINT');
      assert.equal(await exited, 0);
      assert.ok(performance.now() - started < 3_000, 'it did not wait for the clients');
      await assert.rejects(readFile(summary.caFile ?? ''), {code: 'ENOENT'});
    } finally {
      held.forEach((socket) => socket.destroy());
    }
  });
});

describe('mse-bind status', () => {
  it('says nothing is bound and exits 1, naming the bind of this state directory', async () => {
    const dir = join(root, 'empty');
    const run = await runCli(['status', '--state-dir', dir], {env: noKeychain});
    assert.equal(run.code, 1);
    assert.equal(
      run.stdout,
      `Nothing is bound in ${dir}.\nRun \`mse-bind --state-dir ${dir}\` to bind this site.\n`,
    );
    const help = await runCli(['status', '--help']);
    assert.match(help.stdout, /Exit 1 when nothing is bound\./, 'the help says what it does');
  });

  it('shows site, account, region, who, when, expiry, targets and engine, and no secret', async () => {
    const dir = await boundStateDir();
    const run = await runCli(['status', '--state-dir', dir], {env: noKeychain});
    assert.equal(run.code, 0, run.stderr);
    for (const label of ['Site', 'Account', 'Region', 'Bound by', 'Bound at', 'Binding expires']) {
      assert.match(run.stdout, new RegExp(`^${label} `, 'm'));
    }
    assert.match(run.stdout, /^Directory .*cn=svc-mse/m);
    assert.match(run.stdout, /^Exchange .*EWS\/Exchange\.asmx/m);
    assert.match(run.stdout, /^Engine\s+paused/m);
    for (const secret of [
      sims.secrets.appKey,
      sims.secrets.directoryPassword,
      sims.secrets.exchangePassword,
    ]) {
      assert.ok(!run.stdout.includes(secret));
    }
  });

  it('--json says bound true or false, so a script can test either', async () => {
    const dir = await boundStateDir();
    const bound = await runCli(['status', '--json', '--state-dir', dir], {env: noKeychain});
    assert.equal(bound.code, 0, bound.stderr);
    const json = JSON.parse(bound.stdout) as {bound: unknown; siteName: unknown};
    assert.equal(json.bound, true);
    assert.equal(json.siteName, sims.settings.siteName);

    const empty = join(root, 'empty-json');
    const none = await runCli(['status', '--json', '--state-dir', empty], {env: noKeychain});
    assert.equal(none.code, 1);
    assert.deepEqual(JSON.parse(none.stdout), {bound: false});
  });
});

describe('mse-bind unbind', () => {
  it('asks for confirmation, and without a terminal needs --yes', async () => {
    const dir = await boundStateDir();
    const run = await runCli(['unbind', '--state-dir', dir], {env: noKeychain});
    assert.equal(run.code, exitCodes.input);
    assert.match(run.stderr, /--yes/);
    await stat(join(dir, 'binding.enc'));
  });

  it('logs the binding out at Mimecast and forgets it here', async () => {
    const dir = await boundStateDir();
    const before = sims.mimecast.bindingsFor(sims.admin.email).length;
    const run = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /logged out at Mimecast/);
    assert.equal(sims.mimecast.bindingsFor(sims.admin.email).length, before - 1);
    await assert.rejects(stat(join(dir, 'binding.enc')), {code: 'ENOENT'});
  });

  it('keeps the local binding when Mimecast cannot be reached', async () => {
    const dir = await boundStateDir();
    sims.mimecast.failNext('/api/login/logout', {
      status: 503,
      body: '<html>Service Unavailable</html>',
    });
    const run = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.notEqual(run.code, 0);
    assert.match(run.stderr, /Nothing was removed/);
    await stat(join(dir, 'binding.enc'));
  });
});

describe('mse-bind run', () => {
  it('logs one line per cycle and exits 20 once the binding has expired', async () => {
    const dir = await boundStateDir();
    await setEngineState('running', {stateDir: dir, allowKeyFile: true, keyFileOnly: true});
    let expired = false;
    const run = await runCli(['run', '--state-dir', dir, '--interval', '1'], {
      env: noKeychain,
      onSpawn: (child) => {
        child.stdout?.on('data', (chunk: Buffer) => {
          if (!expired && chunk.toString('utf8').includes('cycle: binding ok')) {
            expired = true;
            sims.mimecast.expireBindings(sims.admin.email);
          }
        });
      },
    });
    assert.equal(run.code, rebindNeededExitCode, run.stdout + run.stderr);
    const cycles = run.stdout.split('\n').filter((line) => / cycle: /.test(line));
    assert.ok(cycles.length >= 2, run.stdout);
    assert.match(cycles[0] ?? '', /binding ok .* directory ok .* exchange ok/);
    assert.ok(
      run.stdout.includes(
        `needs a re-bind; run \`mse-bind rebind --state-dir ${dir}\` in a terminal, or from a ` +
          "script pipe the administrator's new password into " +
          `\`mse-bind rebind --state-dir ${dir} --non-interactive --password-stdin\`\n`,
      ),
      run.stdout,
    );
  });

  it('checks nothing while the play control has the engine paused', async () => {
    const dir = await boundStateDir();
    const run = await runCli(['run', '--state-dir', dir, '--interval', '1'], {
      env: noKeychain,
      onSpawn: (child) => setTimeout(() => child.kill('SIGTERM'), 2_500),
    });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /paused by the play control/);
    assert.doesNotMatch(run.stdout, / cycle: /);
  });
});

describe('the wizard without a terminal', () => {
  it('says which command to use instead and exits non-zero', async () => {
    for (const command of [[], ['rebind'], ['demo']]) {
      const run = await runCli(command, {env: noKeychain});
      assert.equal(run.code, exitCodes.input, command.join(' '));
      assert.match(run.stderr, /needs a terminal/);
      assert.match(run.stderr, /bind --non-interactive/);
    }
  });

  it('names the commands to use instead with the --state-dir it was given', async () => {
    const dir = join(root, 'no-terminal');
    for (const command of [[], ['rebind']]) {
      const run = await runCli([...command, '--state-dir', dir], {env: noKeychain});
      assert.equal(run.code, exitCodes.input, command.join(' '));
      const text = run.stderr.replaceAll('\n', ' ');
      for (const advised of ['bind', 'rebind', 'status']) {
        assert.ok(text.includes(`\`mse-bind ${advised} --state-dir ${dir}`), run.stderr);
      }
    }
  });
});
