import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {bundle} from '../helpers/run-cli.js';
import {startTcpRelay, type TcpRelay} from '../helpers/tcp-relay.js';
import {paneExitStatus, startTmux, type TmuxSession} from '../helpers/tmux.js';

/**
 * A closed SSH session sends the wizard SIGHUP, a service manager SIGTERM. Either ends a bind
 * that is running as Esc does: nothing is saved, the saved binding stays byte for byte, and
 * the program exits 128 + the signal's number.
 */

let sims: DemoSimulators;
let relay: TcpRelay;
let root: string;
let dir: string;
const sessions: TmuxSession[] = [];

before(async () => {
  sims = await startDemoSimulators();
  const ldap = new URL(sims.ldap.url);
  relay = await startTcpRelay({host: ldap.hostname, port: Number(ldap.port)});
  root = await mkdtemp(join(tmpdir(), 'mse-bind-signal-'));
  // The saved site reaches its directory through the relay, which can make it slow.
  const {directory} = sims.settings;
  const settings = {...sims.settings, directory: {...directory, port: relay.port}};
  dir = await bindDemoSite({...sims, settings}, root);
});

after(async () => {
  sessions.forEach((session) => session.kill());
  await relay.close();
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

/** The program the tmux pane's shell runs: its only child. */
function programPid(session: TmuxSession): number {
  const shell = execFileSync('tmux', ['list-panes', '-t', session.name, '-F', '#{pane_pid}'], {
    encoding: 'utf8',
  }).trim();
  return Number(execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0]);
}

describe('the wizard stopped by a signal during a bind', () => {
  for (const [signal, code] of [
    ['SIGHUP', 129],
    ['SIGTERM', 143],
  ] as const) {
    it(`${signal} cancels the bind, saves nothing and exits ${code}`, async () => {
      const saved = await readFile(join(dir, 'binding.enc'));
      // Slow enough that the signal arrives mid-bind, quick enough that the bind would finish
      // within the program's grace period if the signal did not cancel it.
      relay.setAnswerDelay(250);
      const command = `node ${bundle} rebind --state-dir ${dir} --allow-key-file`;
      const session = startTmux(command, {env: {...noKeychain, MSE_BIND_ASCII: '1'}});
      sessions.push(session);
      await session.waitFor('Which password changed?');
      session.type(sims.admin.password);
      session.keys('Enter');
      await session.waitFor('Binding ');
      process.kill(programPid(session), signal);

      await session.waitForExit();
      assert.equal(paneExitStatus(session), code);
      // A bind left running would have saved by now.
      await sleep(3_000);
      assert.deepEqual(await readFile(join(dir, 'binding.enc')), saved);
      relay.setAnswerDelay(0);
    });
  }
});
