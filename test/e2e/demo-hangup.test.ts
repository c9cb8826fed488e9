import assert from 'node:assert/strict';
import {execFileSync} from 'node:child_process';
import {mkdtemp, readdir, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, test} from 'node:test';

import {bundle} from '../helpers/run-cli.js';
import {paneExitStatus, startTmux, type TmuxSession} from '../helpers/tmux.js';

/**
 * A dropped SSH session sends the program SIGHUP. The demo must still remove its temporary
 * state (a binding and the key file that opens it) and stop its simulators.
 */
const sessions: TmuxSession[] = [];
const dirs: string[] = [];
after(async () => {
  sessions.forEach((session) => session.kill());
  await Promise.all(dirs.map((dir) => rm(dir, {recursive: true, force: true})));
});

/** The program's process: the child of the shell that tmux runs in the pane. */
function programPid(session: TmuxSession): number {
  const shell = execFileSync('tmux', ['display-message', '-p', '-t', session.name, '#{pane_pid}'], {
    encoding: 'utf8',
  }).trim();
  return Number(execFileSync('pgrep', ['-P', shell], {encoding: 'utf8'}).trim().split('\n')[0]);
}

for (const signal of ['SIGHUP', 'SIGTERM'] as const) {
  test(`the demo removes its state and exits 128+n on ${signal}`, async () => {
    const privateTmp = await mkdtemp(join(tmpdir(), 'mse-bind-demo-signal-'));
    dirs.push(privateTmp);
    const session = startTmux(`node ${bundle} demo`, {env: {TMPDIR: privateTmp}});
    sessions.push(session);
    await session.waitFor('Administrator email');
    assert.ok((await readdir(privateTmp)).some((name) => name.startsWith('mse-bind-demo-')));

    process.kill(programPid(session), signal);
    await session.waitForExit();
    assert.equal(paneExitStatus(session), signal === 'SIGHUP' ? 129 : 143);
    assert.deepEqual(await readdir(privateTmp), [], 'the demo left files behind');
  });
}
