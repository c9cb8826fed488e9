import {after, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {existsSync} from 'node:fs';
import {paneExitStatus, startTmux} from '../helpers/tmux.js';
import type {TmuxSession} from '../helpers/tmux.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';

/**
 * The main job end to end, in a real 80x25 terminal: the built program's demo, the
 * administrator's email and password typed, the valid line reached and closed, the engine
 * started with the play control.
 */
const bundle = 'dist/cli.mjs';
const validLine = '[+] ALL SETTINGS ARE VALID, close this window to save the settings';
const {email, password} = demoFixture.mimecast.admin;

function assertAscii(screen: string) {
  assert.match(screen, /^[\x20-\x7e\n]*$/, 'ASCII mode draws only ASCII');
}

function assertFits(screen: string) {
  for (const line of screen.split('\n')) assert.ok(line.length <= 80, `line too wide: ${line}`);
}

describe('mse-bind demo in tmux at 80x25', () => {
  const sessions: TmuxSession[] = [];
  after(() => sessions.forEach((session) => session.kill()));

  function demo(): TmuxSession {
    assert.ok(existsSync(bundle), 'run `npm run build` first (npm test does)');
    // A stray CI variable must not blank the screen; ASCII mode is what old consoles get.
    const session = startTmux(`node ${bundle} demo`, {env: {CI: 'true', MSE_BIND_ASCII: '1'}});
    sessions.push(session);
    return session;
  }

  it('binds with typed credentials and starts the engine', async () => {
    const session = demo();
    await session.waitFor('Administrator email');
    session.type(email);
    session.keys('Enter');
    session.type(password);
    let screen = await session.waitFor((s) => s.includes('*'.repeat(password.length)));
    assert.ok(!screen.includes(password), 'the password must never be on screen');
    session.keys('Enter');

    screen = await session.waitFor(validLine, 30_000);
    assert.match(screen, /\[\+\] 1\. Find the Mimecast account/);
    assert.match(screen, /\[\+\] 5\. Save to encrypted storage/);
    // Nothing is cut: the demo's warning whole, and each step's fact on lines of its own.
    assert.match(screen, /key file \(weaker\) in a temp folder removed on exit\n/);
    assert.match(
      screen,
      /\n {4}contoso\.example is served by 127\.0\.0\.1:\d+ \(cloud password\)\n/,
    );
    assert.match(
      screen,
      /\n {4}Encrypted in \S+binding\.enc; data key in\s+\S+binding\.key \(weaker\)\n/,
    );
    assert.doesNotMatch(screen, /\.\.\.$/m, 'no line is cut');
    assertAscii(screen);
    assert.ok(!screen.includes(password));
    assertFits(screen);

    session.keys('Enter');
    await session.waitFor('Engine paused');
    session.keys('Space');
    screen = await session.waitFor(
      (s) => s.includes('Engine active') && /Binding\s+\[\+\]/.test(s),
    );
    assert.match(screen, /Directory\s+\[\+\]/);
    assert.match(screen, /Exchange\s+\[\+\]/);
    assert.doesNotMatch(screen, /Last contact with Mimecast: never/);
    assertFits(screen);
    assertAscii(screen);

    session.keys('q');
    await session.waitForExit();
    assert.ok(!session.screen().includes('ALL SETTINGS'), 'alternate screen restored on exit');
    assert.equal(paneExitStatus(session), 0);
  });

  it('takes the email and password pasted in one chunk with trailing Enters', async () => {
    const session = demo();
    await session.waitFor('Administrator email');
    session.paste(`${email}\r${password}\r`);
    const screen = await session.waitFor(validLine, 30_000);
    assert.ok(!screen.includes(password));
    session.keys('C-c');
    await session.waitForExit();
    assert.equal(paneExitStatus(session), 130, 'Ctrl+C exits as cancelled');
  });
});
