import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {join} from 'node:path';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {bundle} from '../helpers/run-cli.js';
import {startTmux} from '../helpers/tmux.js';
import type {TmuxSession} from '../helpers/tmux.js';
import {noKeychain} from '../helpers/no-keychain.js';

/**
 * Esc during a bind, in the real terminal: the screen goes back to the credentials with what
 * was typed, the sockets to Mimecast are closed, and the saved binding is untouched.
 */

let sims: DemoSimulators;
let root: string;
let dir: string;
const sessions: TmuxSession[] = [];

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-cancel-'));
  dir = await bindDemoSite(sims, root);
});

after(async () => {
  sessions.forEach((session) => session.kill());
  sims.mimecast.setReplyDelay(0);
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

async function until(probe: () => boolean, what: string, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) assert.fail(`timed out waiting until ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Esc during a bind', () => {
  it('cancels cleanly: screen back, sockets closed, saved binding unchanged', async () => {
    const saved = await readFile(join(dir, 'binding.enc'));
    const command = `node ${bundle} --state-dir ${dir} --allow-key-file`;
    const session = startTmux(command, {env: {...noKeychain, MSE_BIND_ASCII: '1'}});
    sessions.push(session);

    // A bound site opens on its engine; S goes to its settings.
    await session.waitFor('Start');
    session.type('s');
    await session.waitFor('Site settings');
    session.keys('PageDown');
    await session.waitFor('Administrator email');
    sims.mimecast.setReplyDelay(10_000);
    session.type(sims.admin.password);
    session.keys('Enter');
    await session.waitFor('Find the Mimecast account');
    await until(() => sims.mimecast.openConnections() > 0, 'the bind reached Mimecast');

    session.keys('Escape');
    const screen = await session.waitFor('Bind cancelled');
    assert.match(screen, /Administrator email\s+admin@contoso\.example/);
    assert.match(screen, /Password\s+\*+/, 'the typed password is kept for another try');
    await until(() => sims.mimecast.openConnections() === 0, 'its sockets are closed');
    assert.deepEqual(await readFile(join(dir, 'binding.enc')), saved);

    sims.mimecast.setReplyDelay(0);
    session.keys('C-c');
    await session.waitForExit();
  });
});
