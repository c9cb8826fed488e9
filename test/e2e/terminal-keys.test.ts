import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {bindDemoSite} from '../helpers/bind-demo-site.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {bundle} from '../helpers/run-cli.js';
import {paneExitStatus, startTmux} from '../helpers/tmux.js';
import type {TmuxSession} from '../helpers/tmux.js';

/**
 * The keys of a real terminal, in tmux at 80x25: keys the program has no use for and escape
 * sequences in a paste change nothing on any screen (and never end the program), Delete and
 * Backspace delete on their own sides, Shift+Tab goes back, and a pasted Windows line ending
 * is one Enter.
 */
const ESC = '\u001B';
const {email, password} = demoFixture.mimecast.admin;
const validLine = '[+] ALL SETTINGS ARE VALID';

/** tmux names of keys nobody types into a field, each sent as a terminal sends it. */
const unusedKeys = ['C-F1', 'F1', 'F5', 'F12', 'S-F2', 'M-F3', 'C-S-F12', 'C-F4', 'IC'];

/** Terminal output and control strings, as they turn up in text copied from a terminal. */
const sequencesInPaste = `${ESC}[0K${ESC}[31m${ESC}]0;title\u0007${ESC}[200~${ESC}[201~`;

const sessions: TmuxSession[] = [];
after(() => sessions.forEach((session) => session.kill()));

function demo(): TmuxSession {
  const session = startTmux(`node ${bundle} demo`, {env: {MSE_BIND_ASCII: '1'}});
  sessions.push(session);
  return session;
}

function assertAlive(session: TmuxSession, screen: string) {
  assert.ok(session.alive(), 'the program is still running');
  assert.doesNotMatch(screen, /TypeError|at .*\.mjs:\d+/, 'no stack trace');
}

/** The field the `>` marks, as the screen shows it. */
const focusedField = (screen: string) => /^> +(.+?)(?: {2,}|$)/m.exec(screen)?.[1];

describe('keys of a real terminal, in tmux at 80x25', () => {
  it('ignores unused keys and escape sequences on every screen of a bind', async () => {
    const session = demo();
    await session.waitFor('Administrator email');
    session.type('ad');
    session.keys(...unusedKeys);
    session.paste(`m${sequencesInPaste}in@${ESC}[1;5P${ESC}]8;;https://x.example/${ESC}\\x`);
    let screen = await session.waitFor((s) => /Administrator email\s+admin@x\s*$/m.test(s));
    assertAlive(session, screen);

    session.keys('Escape');
    await session.waitFor('Site settings');
    session.keys(...unusedKeys);
    session.paste(sequencesInPaste);
    session.keys('PageDown');
    screen = await session.waitFor('Administrator email');
    assertAlive(session, screen);

    // The field cleared with Ctrl+U, then the demo's own administrator and password.
    session.keys('C-u');
    session.paste(`${email}\r${password}\r`);
    session.keys(...unusedKeys);
    screen = await session.waitFor(validLine, 30_000);
    assertAlive(session, screen);
    session.keys(...unusedKeys);
    session.paste(sequencesInPaste);
    session.keys('Enter');
    screen = await session.waitFor('engine paused');
    assertAlive(session, screen);
    session.keys(...unusedKeys);
    session.paste(sequencesInPaste);
    session.keys('q');
    await session.waitForExit();
    assert.equal(paneExitStatus(session), 0, 'q quits as usual after all of that');
  });

  it('deletes with Delete under the cursor, with Backspace and Ctrl+H before it', async () => {
    const session = demo();
    await session.waitFor('Administrator email');
    session.type('abcdef');
    session.keys('Left', 'Left', 'DC');
    await session.waitFor((s) => /Administrator email\s+abcdf\s*$/m.test(s));
    session.keys('BSpace');
    await session.waitFor((s) => /Administrator email\s+abcf\s*$/m.test(s));
    session.keys('C-h');
    await session.waitFor((s) => /Administrator email\s+abf\s*$/m.test(s));
    session.keys('C-c');
    await session.waitForExit();
  });

  it('moves back a field with Shift+Tab on the settings', async () => {
    const session = demo();
    await session.waitFor('Administrator email');
    session.keys('Escape');
    await session.waitFor('Site settings');
    session.keys('Down', 'Down');
    await session.waitFor((s) => focusedField(s) === 'Mimecast application id');
    session.keys('BTab');
    await session.waitFor((s) => focusedField(s) === 'Mimecast discovery URL');
    session.keys('Tab');
    await session.waitFor((s) => focusedField(s) === 'Mimecast application id');
    session.keys('C-c');
    await session.waitForExit();
  });

  it('takes a pasted Windows line ending as one Enter (tmux pastes CR LF as CR CR)', async () => {
    const session = demo();
    await session.waitFor('Administrator email');
    session.keys('Escape');
    await session.waitFor('Site settings');
    session.keys('C-u');
    session.paste('Demo-Directory-2026!\r\n');
    let screen = await session.waitFor((s) => /Site name\s+Demo-Directory-2026!/.test(s));
    assert.equal(
      focusedField(screen),
      'Mimecast discovery URL',
      'the next field, not the one after',
    );
    session.keys('Up', 'C-u');
    session.paste('Contoso London\r\n');
    await session.waitFor((s) => /Site name\s+Contoso London/.test(s));

    session.keys('PageDown');
    await session.waitFor('Administrator email');
    session.paste(`${email}\r\n`);
    screen = await session.waitFor((s) => focusedField(s) === 'Password');
    assert.doesNotMatch(screen, /^x /m, 'nothing was submitted');
    session.paste(`${password}\r\n`);
    screen = await session.waitFor(validLine, 30_000);
    assert.ok(!screen.includes(password));
    session.keys('C-c');
    await session.waitForExit();
  });
});

describe('Esc on the settings of a bound site, in tmux at 80x25', () => {
  let sims: DemoSimulators;
  let root: string;

  before(async () => {
    sims = await startDemoSimulators();
    root = await mkdtemp(join(tmpdir(), 'mse-bind-terminal-keys-'));
  });

  after(async () => {
    await sims.close();
    await rm(root, {recursive: true, force: true});
  });

  it('goes back to the engine with the changes dropped, and says so', async () => {
    const dir = await bindDemoSite(sims, root);
    const command = `node ${bundle} --state-dir ${dir} --allow-key-file`;
    const session = startTmux(command, {env: {...noKeychain, MSE_BIND_ASCII: '1'}});
    sessions.push(session);
    await session.waitFor('engine paused');

    session.type('s');
    let screen = await session.waitFor('Site settings');
    assert.match(screen, /Esc back/, 'the hints show Esc');
    assert.match(screen, /Site name\s+Contoso London/);
    session.keys('C-u');
    session.type('Paris');
    await session.waitFor((s) => /Site name\s+Paris/.test(s));

    session.keys('Escape');
    screen = await session.waitFor('engine paused');
    assert.match(screen, /The settings typed were dropped/);
    session.type('s');
    screen = await session.waitFor('Site settings');
    assert.match(screen, /Site name\s+Contoso London/, 'the saved value, not the typed one');
    session.keys('C-c');
    await session.waitForExit();
  });
});
