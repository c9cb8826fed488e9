import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {setTimeout as sleep} from 'node:timers/promises';
import {exitCodes} from '../../src/bind/errors.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {bundle} from '../helpers/run-cli.js';
import {paneExitStatus, startTmux, type TmuxSession} from '../helpers/tmux.js';

/**
 * A screen that can no longer be written ends the wizard as a hang-up does, even when no SIGHUP
 * reaches it: here the wizard draws on a second terminal, which is closed mid-bind. The
 * terminal it reads keys from, its controlling one, stays open, so the kernel sends the wizard
 * nothing; only its writes fail (EIO). The bind is cancelled, nothing saved, exit 130.
 */

let sims: DemoSimulators;
let root: string;
let dir: string;
const sessions: TmuxSession[] = [];

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-lost-terminal-'));
  dir = await bindDemoSite(sims, root);
});

after(async () => {
  sessions.forEach((session) => session.kill());
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

/** A terminal of its own that only shows what is written to it; returns its device. */
async function screenTerminal(): Promise<{session: TmuxSession; device: string}> {
  const ttyFile = join(root, 'screen-tty');
  const session = startTmux(`tty > ${ttyFile}; exec sleep 600`);
  sessions.push(session);
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    const device = await readFile(ttyFile, 'utf8').catch(() => '');
    if (device.endsWith('\n')) return {session, device: device.trim()};
    await sleep(50);
  }
  throw new Error('the screen terminal did not start');
}

describe('the wizard whose screen is gone', () => {
  it('cancels a running bind, saves nothing and exits 130', async () => {
    const saved = await readFile(join(dir, 'binding.enc'));
    const screen = await screenTerminal();
    // Slow enough that the screen goes mid-bind, quick enough that the bind would finish
    // within the program's grace period if losing the screen did not cancel it.
    sims.mimecast.setReplyDelay(250);
    try {
      const command = `node ${bundle} rebind --state-dir ${dir} --allow-key-file > ${screen.device}`;
      const keyboard = startTmux(command, {env: {...noKeychain, MSE_BIND_ASCII: '1'}});
      sessions.push(keyboard);
      await screen.session.waitFor('Which password changed?');
      keyboard.type(sims.admin.password);
      keyboard.keys('Enter');
      await screen.session.waitFor('Binding ');
      screen.session.kill();

      await keyboard.waitForExit();
      assert.equal(paneExitStatus(keyboard), exitCodes.cancelled, keyboard.transcript());
      assert.doesNotMatch(keyboard.transcript(), /\n\s+at /, 'no stack trace');
      // A bind left running would have saved by now.
      await sleep(3_000);
      assert.deepEqual(await readFile(join(dir, 'binding.enc')), saved);
    } finally {
      sims.mimecast.setReplyDelay(0);
    }
  });
});
