import {after, before, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {exitCodes} from '../../src/bind/errors.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {simFaults} from '../../src/simulators/mimecast/index.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';
import {runCli} from '../helpers/run-cli.js';
import {noKeychain} from '../helpers/no-keychain.js';

/**
 * `mse-bind bind --non-interactive` when Mimecast's rate limit is used up for longer than the
 * client waits: the built program, settings from a file, secrets on stdin, against the
 * simulators. It exits with the rate-limited code and says how long to wait.
 */
let sims: DemoSimulators;
let root: string;

before(async () => {
  sims = await startDemoSimulators();
  root = await mkdtemp(join(tmpdir(), 'mse-bind-cli-'));
});
after(async () => {
  await sims.close();
  await rm(root, {recursive: true, force: true});
});

it('exits 10 when Mimecast rate-limits the login for longer than it waits', async () => {
  const config = join(root, 'site.json');
  const stateDir = join(root, 'state');
  await writeSettingsFile(config, sims.settings);
  const secrets = [
    sims.admin.password,
    sims.secrets.directoryPassword,
    sims.secrets.exchangePassword,
    sims.secrets.appKey,
  ];
  sims.mimecast.failNext('/api/login/login', simFaults.rateLimited(120_000));

  const run = await runCli(
    [
      'bind',
      '--non-interactive',
      '--config',
      config,
      '--email',
      sims.admin.email,
      '--password-stdin',
      '--state-dir',
      stateDir,
      '--allow-key-file',
    ],
    {input: `${secrets.join('\n')}\n`, env: noKeychain},
  );

  assert.equal(run.code, exitCodes['rate-limited'], run.stdout + run.stderr);
  assert.equal(exitCodes['rate-limited'], 10);
  const failed = run.stdout.split('\n').find((line) => line.startsWith('[x] 2 '));
  assert.ok(failed, run.stdout);
  assert.match(
    failed,
    new RegExp(
      "^\\[x\\] 2 .*: Mimecast login at 127\\.0\\.0\\.1:\\d+: Mimecast's rate limit for " +
        `${sims.admin.email.replaceAll('.', '\\.')} is used up; wait at least 120 s ` +
        '\\(X-RateLimit-Reset: 120000 ms\\)',
    ),
  );
  for (const secret of secrets) {
    assert.ok(!(run.stdout + run.stderr).includes(secret), 'a secret reached the output');
  }
  assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  await assert.rejects(readFile(join(stateDir, 'binding.enc')), {code: 'ENOENT'});
});
