import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {bundle} from '../helpers/run-cli.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {paneExitStatus, startTmux, type TmuxSession} from '../helpers/tmux.js';

const sessions: TmuxSession[] = [];
const dirs: string[] = [];
after(async () => {
  sessions.forEach((session) => session.kill());
  await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})));
});

test('rebind in a terminal with nothing bound says so first, even without a keychain', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'mse-bind-rebind-unbound-'));
  dirs.push(dir);
  const session = startTmux(`node ${bundle} rebind --state-dir ${dir}`, {env: noKeychain});
  sessions.push(session);
  await session.waitForExit();
  const screen = session.transcript();
  assert.equal(paneExitStatus(session), exitCodes['not-found'], screen);
  assert.match(screen, /Nothing is bound in .+, so there is\snothing to re-bind\./s);
  assert.doesNotMatch(screen, /keychain/i);
  // Wrapped at word boundaries to the 80 columns, not cut by the terminal mid-word.
  for (const line of screen.split('\n')) assert.ok(line.length <= 80, line);
  // The bind it names is of the state directory this rebind was given.
  assert.ok(
    screen
      .replaceAll('\n', ' ')
      .includes(`Fix: Run \`mse-bind --state-dir ${dir}\` to bind the site first.`),
    screen,
  );
  assert.doesNotMatch(screen, /re-b\nind/);
});
