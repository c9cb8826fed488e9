import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {formFields} from '../../src/bind/form.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {settingProblemError} from '../../src/commands/setting-sources.js';
import {runCli} from '../helpers/run-cli.js';
import {emptySettings} from '../../src/bind/settings.js';

const secretFields = ['appKey', 'directoryPassword', 'exchangePassword', 'exchangeClientSecret'];

test('a secret is sent to its variable and its stdin line, never to --config', () => {
  const expected: Record<string, RegExp> = {
    appKey: /MSE_BIND_APP_KEY, or as the 4th line of standard input with --password-stdin/,
    directoryPassword: /MSE_BIND_DIRECTORY_PASSWORD, or as the 2nd line/,
    exchangePassword: /MSE_BIND_EXCHANGE_PASSWORD, or as the 3rd line/,
    exchangeClientSecret: /MSE_BIND_EXCHANGE_CLIENT_SECRET, or as the 5th line/,
  };
  for (const field of secretFields) {
    const error = settingProblemError(field as never, 'It is required.');
    assert.match(error.fix, expected[field] ?? /^$/, field);
    assert.doesNotMatch(error.fix, /or in (the )?--config/, field);
    assert.match(error.fix, /Secrets are never read from --config or from options\.$/, field);
    assert.equal(error.setting, field);
  }
});

test('every other setting is sent to its option or the --config file', () => {
  for (const field of formFields) {
    if (secretFields.includes(field.id)) continue;
    const error = settingProblemError(field.id, 'It is wrong.');
    assert.match(error.fix, /^Set .+ with --[a-z-]+, or in the --config file\.$/, field.id);
  }
});

let dir: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mse-bind-sources-'));
});
after(async () => {
  await rm(dir, {recursive: true, force: true});
});

test('bind --non-interactive without an application key says where a key can come from', async () => {
  const config = join(dir, 'site.json');
  const settings = emptySettings();
  await writeSettingsFile(config, {
    ...settings,
    siteName: 'Head office',
    mimecast: {...settings.mimecast, appId: 'app-1'},
    directory: {...settings.directory, host: '127.0.0.1', bindName: 'cn=svc'},
    exchange: {...settings.exchange, ewsUrl: 'https://127.0.0.1/EWS/Exchange.asmx', user: 'svc'},
  });
  const {admin} = demoFixture.mimecast;
  const input = [admin.password, 'Directory-1', 'Exchange-1'].join('\n') + '\n';
  const run = await runCli(
    [
      'bind',
      '--non-interactive',
      '--config',
      config,
      '--email',
      admin.email,
      '--password-stdin',
      '--state-dir',
      join(dir, 'state'),
    ],
    {input, env: {MSE_BIND_APP_KEY: undefined}},
  );
  assert.equal(run.code, exitCodes.input);
  assert.match(run.stderr, /Mimecast application key is required\./);
  assert.match(run.stderr, /Fix: Give the Mimecast application key in MSE_BIND_APP_KEY, or as/);
  assert.doesNotMatch(run.stderr, /\(or in --config\)/);
  for (const secret of [admin.password, 'Directory-1', 'Exchange-1']) {
    assert.ok(!run.stderr.includes(secret));
  }
});

test('bind --non-interactive names every missing setting in one run, each with its source', async () => {
  const {admin} = demoFixture.mimecast;
  const run = await runCli(
    [
      'bind',
      '--non-interactive',
      '--email',
      admin.email,
      '--password-stdin',
      '--state-dir',
      join(dir, 'state-empty'),
    ],
    {input: `${admin.password}\n`, env: {MSE_BIND_APP_KEY: undefined}},
  );
  assert.equal(run.code, exitCodes.input);
  assert.match(run.stderr, /^mse-bind: \d+ settings need attention:\n/);
  assert.match(run.stderr, /\nFix:\n {2}- /);
  for (const line of [
    / {2}- Site name is required\./,
    / {2}- Mimecast application key is required\./,
    / {2}- Set Site name with --site-name, or in the --config file\./,
    / {2}- Give the Mimecast application key in MSE_BIND_APP_KEY/,
  ]) {
    assert.match(run.stderr, line);
  }
  assert.ok(!run.stderr.includes(admin.password));
});
