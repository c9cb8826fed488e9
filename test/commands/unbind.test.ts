import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdir, mkdtemp, readFile, readdir, rename, rm, stat} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {exitCodes} from '../../src/bind/errors.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {simFaults} from '../../src/simulators/mimecast/index.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {
  damageKinds,
  type DamageKind,
  snapshotStateDir,
  writeKeychainBindingFile,
} from '../helpers/damage-state.js';
import {bundle, runCli, type CliRun} from '../helpers/run-cli.js';
import {startTmux, type TmuxSession} from '../helpers/tmux.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {startLockHolder} from '../helpers/run-lock-holder.js';

/**
 * `mse-bind unbind` as the way out of every local state: a damaged binding is removed here
 * (after the same confirmation), a Mimecast out of reach is skipped with --local-only, and
 * Ctrl+C or Ctrl+D at the question leaves everything as it was. The storage errors' advice is
 * taken word for word.
 */

let root: string;
const sessions: TmuxSession[] = [];
const sites: Site[] = [];

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mse-bind-unbind-'));
});
after(async () => {
  sessions.forEach((session) => session.kill());
  await Promise.all(sites.map((site) => site.sims.close()));
  await rm(root, {recursive: true, force: true});
});

/**
 * Simulators of its own for each test: a binding removed here only stays at Mimecast, and the
 * simulator, like Mimecast, locks a user out past a number of live bindings.
 */
type Site = {readonly sims: DemoSimulators; readonly config: string};

let count = 0;
async function newSite(): Promise<Site> {
  const sims = await startDemoSimulators();
  const config = join(root, `site-${count++}.json`);
  await writeSettingsFile(config, sims.settings);
  const site = {sims, config};
  sites.push(site);
  return site;
}

function secretsOf({sims}: Site): string[] {
  return [
    sims.admin.password,
    sims.secrets.directoryPassword,
    sims.secrets.exchangePassword,
    sims.secrets.appKey,
  ];
}

function assertNoSecretPrinted(run: CliRun, site: Site): void {
  const printed = run.stdout + run.stderr;
  for (const secret of secretsOf(site)) {
    assert.ok(!printed.includes(secret), 'a secret was printed');
    assert.ok(!printed.includes(Buffer.from(secret).toString('base64')), 'a secret was printed');
  }
}

/** `bind --non-interactive` as a script runs it, with no keychain and a key file allowed. */
function bind(site: Site, dir: string, appKey = site.sims.secrets.appKey): Promise<CliRun> {
  const args = ['bind', '--non-interactive', '--config', site.config, '--email'];
  const secrets = [...secretsOf(site).slice(0, 3), appKey];
  return runCli(
    [...args, site.sims.admin.email, '--password-stdin', '--state-dir', dir, '--allow-key-file'],
    {input: `${secrets.join('\n')}\n`, env: noKeychain},
  );
}

async function boundStateDir(site: Site): Promise<string> {
  const dir = join(root, `state-${count++}`);
  const run = await bind(site, dir);
  assert.equal(run.code, 0, run.stdout + run.stderr);
  return dir;
}

const liveBindings = ({sims}: Site) => sims.mimecast.bindingsFor(sims.admin.email).length;

/** The `mse-bind …` commands a printed fix tells the administrator to run. */
function adviceIn(stderr: string): string[] {
  const fix = /^Fix: (.*)$/m.exec(stderr)?.[1] ?? '';
  return [...fix.matchAll(/`(mse-bind [^`]*)`/g)].map((match) => match[1] ?? '');
}

/** A suggested command's arguments (after the program name). */
function argsOf(command: string): string[] {
  return command.split(' ').slice(1);
}

const quote = (text: string) => `'${text.replaceAll("'", "'\\''")}'`;

/** The built program in a real terminal, and its exit status once it ends. */
type TerminalRun = {readonly session: TmuxSession; exitStatus(): Promise<number>};

/**
 * Starts the program with the state directory in MSE_BIND_STATE_DIR, as the advice assumes.
 * The shell writes the exit status to a file: tmux 3.3 sometimes reaps a finished pane only
 * many seconds later, so its own pane status cannot be waited for.
 */
function inTerminal(dir: string, args: string): TerminalRun {
  const statusFile = `${dir}.status`;
  const command = `node ${quote(bundle)} ${args}; echo $? > ${quote(statusFile)}`;
  const session = startTmux(command, {env: {...noKeychain, MSE_BIND_STATE_DIR: dir}});
  sessions.push(session);
  return {
    session,
    async exitStatus() {
      const deadline = Date.now() + 10_000;
      while (Date.now() < deadline) {
        const text = await readFile(statusFile, 'utf8').catch(() => '');
        if (text.endsWith('\n')) return Number(text);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      throw new Error(`the program did not end; screen was:\n${session.screen()}`);
    },
  };
}

function damageKind(name: string): DamageKind {
  const kind = damageKinds.find((candidate) => candidate.name === name);
  assert.ok(kind, `no damage kind "${name}"`);
  return kind;
}

/** Text as printed, across the terminal's line wraps. */
const shows = (text: string) => (screen: string) => screen.replaceAll('\n', '').includes(text);

const ownLine = (screen: string, line: string) =>
  screen.split('\n').some((text) => text.trim() === line);

describe('a damaged local binding', () => {
  for (const kind of damageKinds) {
    it(`${kind.name}: bind refuses, its advice removes the files, then bind works`, async () => {
      const site = await newSite();
      const dir = await boundStateDir(site);
      await kind.damage(dir);
      const damaged = await snapshotStateDir(dir);

      const rebindArgs = ['rebind', '--non-interactive', '--password-stdin', '--state-dir', dir];
      const refusals = [
        await bind(site, dir),
        await runCli([...rebindArgs, '--allow-key-file'], {input: 'x\n', env: noKeychain}),
        await runCli(['status', '--state-dir', dir], {env: noKeychain}),
      ];
      for (const refusal of refusals) {
        assert.equal(refusal.code, exitCodes.storage, refusal.stdout + refusal.stderr);
        assert.match(refusal.stderr, kind.message);
        // The advice repeats the --state-dir the refused command was given, and --yes, without
        // which unbind refuses to run where there is no terminal to ask on.
        assert.deepEqual(adviceIn(refusal.stderr), [`mse-bind unbind --state-dir ${dir} --yes`]);
      }
      assert.deepEqual(await snapshotStateDir(dir), damaged, 'the damaged files were touched');

      // The advice word for word, in the same place: a script without a terminal.
      const [advice = ''] = adviceIn(refusals[0]?.stderr ?? '');
      const unbind = await runCli(argsOf(advice), {env: noKeychain});
      assert.equal(unbind.code, 0, unbind.stdout + unbind.stderr);
      assert.match(unbind.stderr, kind.message);
      assert.match(unbind.stderr, /can only remove its files here/);
      assert.match(unbind.stderr, /not logged out/);
      assert.match(unbind.stdout, /^Removed binding\.(enc|key)\b.* from .*Not logged out/m);
      assert.ok(
        unbind.stdout.includes(
          `Bind the site again with \`mse-bind --state-dir ${dir}\`, or ` +
            `\`mse-bind bind --state-dir ${dir} --non-interactive\`.`,
        ),
        unbind.stdout,
      );
      assert.doesNotMatch(unbind.stdout + unbind.stderr, /unexpected error/);
      assertNoSecretPrinted(unbind, site);
      assert.deepEqual(await readdir(dir), []);

      const again = await bind(site, dir);
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, /ALL SETTINGS ARE VALID/);
      const status = await runCli(['status', '--state-dir', dir], {env: noKeychain});
      assert.equal(status.code, 0, status.stderr);
    });
  }

  it('is kept without --yes when there is no terminal to ask on', async () => {
    const site = await newSite();
    const dir = await boundStateDir(site);
    await damageKind('binding.enc truncated').damage(dir);
    const damaged = await snapshotStateDir(dir);

    const run = await runCli(['unbind', '--state-dir', dir], {env: noKeychain});
    assert.equal(run.code, exitCodes.input, run.stderr);
    assert.match(run.stderr, /needs confirmation/);
    assert.deepEqual(await snapshotStateDir(dir), damaged);
  });

  it('is removed after "yes" typed in a real terminal, as the advice reads', async () => {
    const site = await newSite();
    const dir = await boundStateDir(site);
    await damageKind('a byte of binding.enc flipped').damage(dir);

    const {session, exitStatus} = inTerminal(dir, 'unbind');
    await session.waitFor(shows('Type yes to go on:'));
    session.type('yes');
    session.keys('Enter');
    assert.equal(await exitStatus(), 0, session.screen());
    await session.waitFor(shows('Removed binding.enc and binding.key from'));
    assert.deepEqual(await readdir(dir), []);
  });
});

describe('Ctrl+C or Ctrl+D at the question', () => {
  for (const key of ['C-c', 'C-d']) {
    it(`${key}: "not unbound" on its own line, exit 130, nothing removed anywhere`, async () => {
      const site = await newSite();
      const dir = await boundStateDir(site);
      const saved = await snapshotStateDir(dir);
      const atMimecast = liveBindings(site);

      const {session, exitStatus} = inTerminal(dir, 'unbind');
      await session.waitFor(shows('Type yes to go on:'));
      session.keys(key);
      assert.equal(await exitStatus(), exitCodes.cancelled, session.screen());

      const screen = await session.waitFor(shows('mse-bind: not unbound.'));
      assert.ok(ownLine(screen, 'mse-bind: not unbound.'), screen);
      assert.doesNotMatch(screen, /unexpected error/);
      assert.deepEqual(await snapshotStateDir(dir), saved);
      assert.equal(liveBindings(site), atMimecast);
    });
  }

  it('C-c on a damaged binding keeps its files', async () => {
    const site = await newSite();
    const dir = await boundStateDir(site);
    await damageKind('binding.enc truncated').damage(dir);
    const damaged = await snapshotStateDir(dir);

    const {session, exitStatus} = inTerminal(dir, 'unbind');
    await session.waitFor(shows('Type yes to go on:'));
    session.keys('C-c');
    assert.equal(await exitStatus(), exitCodes.cancelled, session.screen());
    await session.waitFor(shows('mse-bind: not unbound.'));
    assert.ok(ownLine(session.screen(), 'mse-bind: not unbound.'), session.screen());
    assert.deepEqual(await snapshotStateDir(dir), damaged);
  });
});

describe('unbind --local-only', () => {
  it('is what the failure names when Mimecast is gone for good, and then works', async () => {
    const gone = await newSite();
    const dir = await boundStateDir(gone);
    // Mimecast alone goes away; the CA file its settings name stays readable.
    await gone.sims.mimecast.close();
    const saved = await snapshotStateDir(dir);

    const failed = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.equal(failed.code, exitCodes.network, failed.stdout + failed.stderr);
    assert.match(failed.stderr, /Nothing was removed/);
    assert.deepEqual(await snapshotStateDir(dir), saved);
    const advice = adviceIn(failed.stderr);
    assert.deepEqual(advice, [`mse-bind unbind --state-dir ${dir} --yes --local-only`]);

    const run = await runCli(argsOf(advice[0] ?? ''), {env: noKeychain});
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /^Forgot Contoso London .*not logged out at Mimecast/m);
    assert.match(run.stdout, /Removed binding\.enc and binding\.key from/);
    assert.deepEqual(await readdir(dir), []);
    assertNoSecretPrinted(run, gone);
  });

  it('leaves the binding at a reachable Mimecast alone', async () => {
    const site = await newSite();
    const dir = await boundStateDir(site);
    const atMimecast = liveBindings(site);

    const run = await runCli(['unbind', '--local-only', '--yes', '--state-dir', dir], {
      env: noKeychain,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(liveBindings(site), atMimecast);
    assert.deepEqual(await readdir(dir), []);
  });

  it('asks first in a terminal; "no" keeps the binding', async () => {
    const site = await newSite();
    const dir = await boundStateDir(site);
    const saved = await snapshotStateDir(dir);

    const {session, exitStatus} = inTerminal(dir, 'unbind --local-only');
    await session.waitFor(shows('Type yes to go on:'));
    assert.ok(shows('without logging it out at Mimecast')(session.screen()));
    session.type('no');
    session.keys('Enter');
    assert.equal(await exitStatus(), exitCodes.cancelled, session.screen());
    assert.deepEqual(await snapshotStateDir(dir), saved);
  });
});

describe('a binding whose data key is in a keychain this process cannot use', () => {
  it('is not damaged: unbind keeps it; --local-only removes it, says what may remain', async () => {
    const dir = join(root, `state-${count++}`);
    await mkdir(dir, {mode: 0o700});
    await writeKeychainBindingFile(dir);

    const kept = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.equal(kept.code, exitCodes.storage, kept.stdout + kept.stderr);
    assert.match(kept.stderr, /in the OS keychain, which is not available/);
    await stat(join(dir, 'binding.enc'));

    const run = await runCli(['unbind', '--local-only', '--yes', '--state-dir', dir], {
      env: noKeychain,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /Removed binding\.enc from/);
    assert.match(run.stdout, /a data key there for this state directory may remain/);
    assert.deepEqual(await readdir(dir), []);
  });
});

describe('unbind --ca-file', () => {
  it('logs out with a CA file given for the call when the saved one is gone', async () => {
    const site = await newSite();
    const dir = await boundStateDir(site);
    const atMimecast = liveBindings(site);
    const moved = join(root, `moved-ca-${count++}.pem`);
    await rename(site.sims.settings.network.caFile, moved);
    const saved = await snapshotStateDir(dir);

    const failed = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.equal(failed.code, exitCodes.input, failed.stdout + failed.stderr);
    assert.match(
      failed.stderr,
      /Fix: Give a working one for the logout: mse-bind unbind --state-dir \S+ --yes --ca-file FILE;/,
    );
    assert.deepEqual(await snapshotStateDir(dir), saved);

    const run = await runCli(['unbind', '--yes', '--ca-file', moved, '--state-dir', dir], {
      env: noKeychain,
    });
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /logged out at Mimecast/);
    assert.equal(liveBindings(site), atMimecast - 1);
    assert.deepEqual(await readdir(dir), []);
  });
});

describe('a binding a failed bind left at Mimecast', () => {
  it('is logged out by unbind, which removes its record, when its key works', async () => {
    const site = await newSite();
    const dir = join(root, `state-${count++}`);
    // No role to read the account, and the clean-up logout fails: the binding is left.
    site.sims.mimecast.setRoles(site.sims.admin.email, []);
    site.sims.mimecast.failNext('/api/login/logout', simFaults.serverError());
    const failed = await bind(site, dir);
    assert.equal(failed.code, exitCodes.permission, failed.stdout + failed.stderr);
    assert.match(failed.stdout, /could not be logged out again, so it was left at Mimecast/);
    assert.equal(liveBindings(site), 1);
    assert.ok((await readdir(dir)).includes('binding-pending.enc'));

    const run = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});

    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /The binding a failed bind left for \S+ was logged out at Mimecast/);
    assert.match(run.stdout, /Removed binding-pending\.enc and binding\.key from/);
    assert.equal(liveBindings(site), 0);
    assert.deepEqual(await readdir(dir), []);
    assertNoSecretPrinted(run, site);
  });

  it('is forgotten by unbind, which says it stays at Mimecast, when its key is wrong', async () => {
    const site = await newSite();
    const dir = join(root, `state-${count++}`);
    const failed = await bind(site, dir, '00000000-0000-0000-0000-000000000000');
    assert.equal(failed.code, exitCodes.credentials, failed.stdout + failed.stderr);

    const run = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});

    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(run.stdout, /could not be logged out .*; it stays at Mimecast until its TTL ends/);
    assert.equal(liveBindings(site), 1);
    assert.deepEqual(await readdir(dir), []);
  });
});

describe('a state directory another mse-bind has locked', () => {
  /** Runs unbind while another process holds the lock; then that process lets it go. */
  async function unbindWhileLocked(dir: string): Promise<CliRun> {
    const holder = await startLockHolder(dir, 2_000);
    try {
      return await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    } finally {
      await holder.release();
    }
  }

  function assertRefusedAsBusy(run: CliRun): void {
    assert.equal(run.code, exitCodes.storage, run.stdout + run.stderr);
    assert.match(run.stderr, /Another mse-bind is binding or changing the site in .+ now\./);
    assert.equal(run.stdout, '');
  }

  it('stops unbind before it logs the binding out, and keeps the files', async () => {
    const site = await newSite();
    const dir = await boundStateDir(site);
    const saved = await snapshotStateDir(dir);

    assertRefusedAsBusy(await unbindWhileLocked(dir));
    assert.equal(liveBindings(site), 1, 'the binding was logged out at Mimecast');
    assert.deepEqual(await snapshotStateDir(dir), saved);

    const run = await runCli(['unbind', '--yes', '--state-dir', dir], {env: noKeychain});
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.equal(liveBindings(site), 0);
    assert.deepEqual(await readdir(dir), []);
  });

  it('stops unbind before it logs out a binding a failed bind left', async () => {
    const site = await newSite();
    const dir = join(root, `state-${count++}`);
    site.sims.mimecast.setRoles(site.sims.admin.email, []);
    site.sims.mimecast.failNext('/api/login/logout', simFaults.serverError());
    assert.equal((await bind(site, dir)).code, exitCodes.permission);
    const saved = await snapshotStateDir(dir);

    assertRefusedAsBusy(await unbindWhileLocked(dir));
    assert.equal(liveBindings(site), 1, 'the left binding was logged out at Mimecast');
    assert.deepEqual(await snapshotStateDir(dir), saved);
  });
});
