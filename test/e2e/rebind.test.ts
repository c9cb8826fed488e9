import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {join} from 'node:path';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {setEngineState} from '../../src/storage/binding-store.js';
import {bundle, runCli} from '../helpers/run-cli.js';
import {paneExitStatus, startTmux} from '../helpers/tmux.js';
import {exitCodes} from '../../src/bind/errors.js';
import type {TmuxSession} from '../helpers/tmux.js';
import {noKeychain} from '../helpers/no-keychain.js';

/**
 * A password rotation as an administrator meets it, in a real 80x25 terminal: the Mimecast
 * administrator's password changes at Mimecast, and `mse-bind rebind` needs exactly the new
 * password and Enter.
 */
const rotated = 'Rotated-Admin-2026!';

let sims: DemoSimulators;
let root: string;
let dir: string;
const sessions: TmuxSession[] = [];

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-rebind-'));
  dir = await bindDemoSite(sims, root);
  // The engine was running before the rotation; the re-bind must bring it back running.
  await setEngineState('running', {stateDir: dir, allowKeyFile: true, keyFileOnly: true});
});

after(async () => {
  sessions.forEach((session) => session.kill());
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

function rebind(subcommand = 'rebind'): TmuxSession {
  const command = `node ${bundle} ${subcommand} --state-dir ${dir} --allow-key-file --interval 1`;
  const session = startTmux(command, {env: {...noKeychain, MSE_BIND_ASCII: '1'}});
  sessions.push(session);
  return session;
}

describe('mse-bind rebind in tmux at 80x25', () => {
  it('keeps the saved binding byte for byte when the re-bind fails', async () => {
    const before = await readFile(join(dir, 'binding.enc'));
    const session = rebind();
    await session.waitFor('Which password changed?');
    session.type('not-the-new-password');
    session.keys('Enter');
    const screen = await session.waitFor('Step 2 failed', 30_000);
    assert.match(screen, /saved binding.*unchanged/is);
    assert.deepEqual(await readFile(join(dir, 'binding.enc')), before);
    session.keys('q');
    await session.waitForExit();
    assert.equal(paneExitStatus(session), exitCodes.credentials, 'Q leaves with the failure');
  });

  it('re-binds after a rotation with the new password and Enter, and no other key', async () => {
    sims.mimecast.setPassword(sims.admin.email, rotated);
    assert.equal(sims.mimecast.bindingsFor(sims.admin.email).length, 1, 'the first bind');
    const session = rebind();
    await session.waitFor('Which password changed?');

    session.type(rotated);
    session.keys('Enter');
    const screen = await session.waitFor(
      (s) => s.includes('ALL SETTINGS ARE VALID') && /Binding\s+\[\+\]/.test(s),
      30_000,
    );
    assert.match(screen, /Engine active/, 'the engine is back in the state it was');
    assert.ok(!screen.includes(rotated));
    assert.equal(sims.mimecast.bindingsFor(sims.admin.email).length, 1, 'refreshed, not added');

    // The binding then expires at Mimecast: the screen says so and R re-binds in one key.
    sims.mimecast.expireBindings(sims.admin.email);
    await session.waitFor('Press R to re-bind', 15_000);
    session.keys('R');
    await session.waitFor('Which password changed?');
    session.type(rotated);
    session.keys('Enter');
    await session.waitFor((s) => /Binding\s+\[\+\]/.test(s) && !s.includes('Press R'), 30_000);
    assert.equal(sims.mimecast.bindingsFor(sims.admin.email).length, 1, 'still one binding');

    session.keys('q');
    await session.waitForExit();
    const status = await runCli(['status', '--json', '--state-dir', dir], {env: noKeychain});
    assert.equal((JSON.parse(status.stdout) as {engineState: string}).engineState, 'running');
  });

  it('re-binds a rotated directory password without the Mimecast password', async () => {
    const rotatedDirectory = 'Rotated-Directory-2026!';
    sims.ldap.setPassword(sims.settings.directory.bindName, rotatedDirectory);
    const session = rebind();
    await session.waitFor('Which password changed?');
    session.keys('Down');
    await session.waitFor((s) => /\(\*\) Directory service account/.test(s));
    session.type(rotatedDirectory);
    session.keys('Enter');
    const screen = await session.waitFor(
      (s) => s.includes('ALL SETTINGS ARE VALID') && /Directory\s+\[\+\]/.test(s),
      30_000,
    );
    assert.ok(!screen.includes(rotatedDirectory));
    session.keys('q');
    await session.waitForExit();
  });

  it('stops checking when the engine finds a password refused, and R re-binds that one', async () => {
    const rotatedAgain = 'Rotated-Directory-2027!';
    sims.ldap.setPassword(sims.settings.directory.bindName, rotatedAgain);
    // The wizard of a bound site opens on its engine, running as it was saved.
    const session = rebind('');
    const halted = await session.waitFor('checks stopped: re-bind needed', 15_000);
    assert.match(halted, /Checks stopped: retrying a refused password could lock the account out/);
    assert.match(halted, /Press R to re-bind\. The directory refused the service account password/);

    session.keys('R');
    await session.waitFor((s) => /\(\*\) Directory service account/.test(s));
    session.type(rotatedAgain);
    session.keys('Enter');
    const rebound = await session.waitFor(
      (s) => /Directory\s+\[\+\]/.test(s) && s.includes('engine running'),
      30_000,
    );
    assert.ok(!rebound.includes('Checks stopped'));

    // The play control is saved as it is left: paused here, and status reads it back.
    session.keys('Enter');
    await session.waitFor('engine paused');
    session.keys('q');
    await session.waitForExit();
    const status = await runCli(['status', '--json', '--state-dir', dir], {env: noKeychain});
    assert.equal((JSON.parse(status.stdout) as {engineState: string}).engineState, 'paused');
  });
});
