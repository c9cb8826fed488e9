import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {bundle, runCli} from '../helpers/run-cli.js';
import {paneExitStatus, startTmux, type TmuxSession} from '../helpers/tmux.js';

/**
 * The engine screen of a bound site when the saved binding changes under it: another window
 * unbinds the site, and the play control can no longer be saved. The screen says so and stays.
 */

let sims: DemoSimulators;
let root: string;
const sessions: TmuxSession[] = [];

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-engine-screen-'));
});

after(async () => {
  sessions.forEach((session) => session.kill());
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

describe('the engine screen in tmux at 80x25', () => {
  it('says the play control was not saved when the site was unbound meanwhile', async () => {
    const dir = await bindDemoSite(sims, root);
    const command = `node ${bundle} --state-dir ${dir} --allow-key-file`;
    const session = startTmux(command, {env: {...noKeychain, MSE_BIND_ASCII: '1'}});
    sessions.push(session);
    await session.waitFor('engine paused');

    const unbound = await runCli(['unbind', '--yes', '--local-only', '--state-dir', dir], {
      env: noKeychain,
    });
    assert.equal(unbound.code, 0, unbound.stdout + unbound.stderr);

    session.keys('Enter');
    const screen = await session.waitFor('The play control was not saved');
    assert.match(screen, /\[ > \] Start {3}engine paused/, 'the state that is saved is shown');
    assert.match(screen, /No binding is saved in/);
    assert.match(screen, /Fix: /);
    assert.ok(session.alive());

    session.keys('q');
    await session.waitForExit();
    assert.equal(paneExitStatus(session), 0);
  });
});
