import assert from 'node:assert/strict';
import {mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import type {ChildProcess} from 'node:child_process';
import {after, before, test} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {readSettingsFile, writeSettingsFile} from '../../src/bind/settings-file.js';
import {emptySettings} from '../../src/bind/settings.js';
import {runCli} from '../helpers/run-cli.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';
import {saveBinding} from '../../src/storage/binding-store.js';

/**
 * What scripts feed `bind --non-interactive` besides the happy path: files and pipes written
 * on Windows, more lines than secrets, values far too long. Each is refused (or read) before
 * anything is sent; none of these runs reaches a server, so no simulator is started.
 */

let dir: string;
let config: string;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mse-bind-script-input-'));
  config = join(dir, 'site.json');
  const settings = emptySettings();
  await writeSettingsFile(config, {
    ...settings,
    siteName: 'Head office',
    mimecast: {...settings.mimecast, appId: 'app-1'},
    directory: {...settings.directory, host: '127.0.0.1', bindName: 'cn=svc'},
    exchange: {...settings.exchange, ewsUrl: 'https://127.0.0.1/EWS/Exchange.asmx', user: 'svc'},
  });
});
after(async () => {
  await rm(dir, {recursive: true, force: true});
});

const secrets = ['Admin-Secret-1', 'Directory-Secret-1', 'Exchange-Secret-1', 'App-Key-Secret-1'];

function bind(args: string[], input: string | Buffer) {
  return runCli(
    [
      'bind',
      '--non-interactive',
      '--email',
      'admin@contoso.example',
      '--password-stdin',
      '--state-dir',
      join(dir, 'state'),
      ...args,
    ],
    {input, env: {...noKeychain, MSE_BIND_APP_KEY: undefined}},
  );
}

function assertNoSecret(text: string) {
  for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret was printed');
}

test('a settings file that starts with a byte order mark is read like one without', async () => {
  const withBom = join(dir, 'bom.json');
  await writeFile(withBom, `\uFEFF${await readFile(config, 'utf8')}`);
  assert.deepEqual(await readSettingsFile(withBom), await readSettingsFile(config));
});

test('a settings path that is a device or far too large is refused without reading it', async () => {
  const device = await bind(['--config', '/dev/zero'], '');
  assert.equal(device.code, exitCodes.input);
  assert.match(device.stderr, /The settings file \/dev\/zero is not a regular file\./);
  const huge = join(dir, 'huge.json');
  await writeFile(huge, `{"siteName": "${'x'.repeat(2 * 1024 * 1024)}"}`);
  const large = await bind(['--config', huge], '');
  assert.equal(large.code, exitCodes.input);
  assert.match(large.stderr, /is larger than 1 MiB/);
});

test('more stdin lines than secrets are refused, naming the order', async () => {
  const run = await bind(['--config', config], `${[...secrets, 'one', 'two'].join('\n')}\n`);
  assert.equal(run.code, exitCodes.input);
  assert.match(run.stderr, /Standard input holds 6 lines, and this command reads at most 5\./);
  assert.match(run.stderr, /in this order: Mimecast administrator password, directory service/);
  assertNoSecret(run.stdout + run.stderr);
});

test('rebind --non-interactive reads exactly one line, the new password', async () => {
  const stateDir = join(dir, 'bound');
  await saveBinding(sampleBindingRecord(), {stateDir, allowKeyFile: true, keyFileOnly: true});
  const run = await runCli(
    ['rebind', '--non-interactive', '--password-stdin', '--state-dir', stateDir],
    {input: 'New-Secret-1\nNew-Secret-2\n', env: noKeychain},
  );
  assert.equal(run.code, exitCodes.input);
  assert.match(run.stderr, /reads at most 1\.\nFix: Pipe in the new password alone, on one line\./);
});

test('trailing empty lines and a byte order mark on stdin are not secrets', async () => {
  // Everything is valid up to the keychain, which this environment lacks: exit 12, not 2.
  const input = `\uFEFF${secrets.join('\r\n')}\r\n\r\n\r\n`;
  const run = await bind(['--config', config], input);
  assert.equal(run.code, exitCodes.storage, run.stderr);
  assertNoSecret(run.stdout + run.stderr);
});

test('an over-long email or password is refused before anything is sent', async () => {
  const email = `${'a'.repeat(100_000)}@contoso.example`;
  const longEmail = await runCli(
    [
      'bind',
      '--non-interactive',
      '--config',
      config,
      '--email',
      email,
      '--password-stdin',
      '--state-dir',
      join(dir, 'state'),
    ],
    {input: `${secrets.join('\n')}\n`, env: noKeychain},
  );
  assert.equal(longEmail.code, exitCodes.input);
  assert.match(longEmail.stderr, /longer than 254 characters/);
  assert.ok(longEmail.stderr.length < 1000, 'the address was repeated');

  const longPassword = await bind(
    ['--config', config],
    `${['x'.repeat(5000), ...secrets.slice(1)].join('\n')}\n`,
  );
  assert.equal(longPassword.code, exitCodes.input);
  assert.match(longPassword.stderr, /The password is longer than 1024 characters/);
});

test('UTF-16 with its byte order mark is read as Windows PowerShell writes it', async () => {
  for (const encoding of ['utf16le', 'utf16be'] as const) {
    const text = Buffer.from(`\uFEFF${secrets.join('\r\n')}\r\n`, 'utf16le');
    const input = encoding === 'utf16le' ? text : Buffer.from(text).swap16();
    const run = await bind(['--config', config], input);
    // Everything is valid up to the keychain, which this environment lacks: exit 12, not 2.
    assert.equal(run.code, exitCodes.storage, `${encoding}: ${run.stderr}`);
  }
});

test('UTF-16 without its mark, and a NUL in a line, are refused before any sign-in', async () => {
  const unmarked = Buffer.from(`${secrets.join('\n')}\n`, 'utf16le');
  const wide = await bind(['--config', config], unmarked);
  assert.equal(wide.code, exitCodes.input, wide.stderr);
  assert.match(wide.stderr, /contains a control character \(NUL: the input looks like UTF-16/);
  assert.match(wide.stderr, /as UTF-8 text/);

  const nul = await bind(
    ['--config', config],
    `${['Admin\u0000-1', ...secrets.slice(1)].join('\n')}\n`,
  );
  assert.equal(nul.code, exitCodes.input);
  assert.match(nul.stderr, /Mimecast administrator password from line 1 of standard input/);
  assertNoSecret(wide.stdout + wide.stderr + nul.stdout + nul.stderr);
});

test('a CR alone ends a stdin line, as CR LF and LF do', async () => {
  // Everything is valid up to the keychain, which this environment lacks: exit 12, not 2.
  const run = await bind(['--config', config], `${secrets.join('\r')}\r`);
  assert.equal(run.code, exitCodes.storage, run.stderr);
});

test('a secret variable loses its trailing line ending; a control character inside is refused', async () => {
  const [password, directory, exchange, appKey] = secrets;
  const variables = {
    MSE_BIND_PASSWORD: `${password}\r\n`,
    MSE_BIND_DIRECTORY_PASSWORD: `${directory}\n`,
    MSE_BIND_EXCHANGE_PASSWORD: exchange,
    MSE_BIND_APP_KEY: appKey,
  };
  const args = [
    'bind',
    '--non-interactive',
    '--config',
    config,
    '--email',
    'admin@contoso.example',
  ];
  const stateArgs = ['--state-dir', join(dir, 'state')];
  const trimmed = await runCli([...args, ...stateArgs], {env: {...noKeychain, ...variables}});
  assert.equal(trimmed.code, exitCodes.storage, trimmed.stderr);

  const inside = {...variables, MSE_BIND_EXCHANGE_PASSWORD: `Exch\u001b[2Jange`};
  const refused = await runCli([...args, ...stateArgs], {env: {...noKeychain, ...inside}});
  assert.equal(refused.code, exitCodes.input);
  assert.match(
    refused.stderr,
    /The Exchange service account password from MSE_BIND_EXCHANGE_PASSWORD contains a control/,
  );
  assert.ok(!refused.stderr.includes('\u001b'), 'the secret was echoed');
});

/** A stdin writer that keeps the pipe open: a run still reading it after 10 s is killed. */
function held(input: string) {
  return {
    input,
    holdStdin: true,
    env: noKeychain,
    onSpawn: (child: ChildProcess) => {
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      child.once('exit', () => clearTimeout(timer));
    },
  };
}

test('reading stops once the last line a command can use has ended, not at the end of input', async () => {
  const stateDir = join(dir, 'bound-held');
  await saveBinding(sampleBindingRecord(), {stateDir, allowKeyFile: true, keyFileOnly: true});
  const rebindArgs = ['rebind', '--non-interactive', '--password-stdin', '--state-dir', stateDir];
  // Refused after the read, so the code shows that the read ended.
  const rebind = await runCli(rebindArgs, held(`${'x'.repeat(5000)}\n`));
  assert.equal(rebind.code, exitCodes.input, rebind.stderr);
  assert.match(rebind.stderr, /The password is longer than 1024 characters/);

  // Five lines, the fifth empty: everything is valid up to the keychain this environment lacks.
  const args = ['bind', '--non-interactive', '--config', config, '--email', 'a@contoso.example'];
  const bind = await runCli(
    [...args, '--password-stdin', '--state-dir', join(dir, 'state')],
    held(`${secrets.join('\n')}\n\n`),
  );
  assert.equal(bind.code, exitCodes.storage, bind.stderr);
  assertNoSecret(bind.stdout + bind.stderr);

  // A line too many that comes in the same read is still refused.
  const extra = await runCli(rebindArgs, held('New-Secret-1\nNew-Secret-2\n'));
  assert.equal(extra.code, exitCodes.input, extra.stderr);
  assert.match(extra.stderr, /Standard input holds 2 lines, and this command reads at most 1\./);
});

test('a stop signal while stdin is still being read cancels: exit 130 with its message', async () => {
  const stateDir = join(dir, 'bound-signal');
  await saveBinding(sampleBindingRecord(), {stateDir, allowKeyFile: true, keyFileOnly: true});
  const commands = {
    bind: ['bind', '--non-interactive', '--config', config, '--email', 'a@contoso.example'],
    rebind: ['rebind', '--non-interactive'],
  };
  const runs = Object.entries(commands).flatMap(([name, args]) =>
    (['SIGTERM', 'SIGHUP', 'SIGINT'] as const).map(async (signal) => {
      const options = held('');
      const run = await runCli([...args, '--password-stdin', '--state-dir', stateDir], {
        ...options,
        onSpawn: (child) => {
          options.onSpawn(child);
          setTimeout(() => child.kill(signal), 1_000);
        },
      });
      assert.equal(run.code, exitCodes.cancelled, `${name} ${signal}: ${run.stderr}`);
      assert.equal(run.stderr, 'mse-bind: Cancelled.\nFix: Run the bind again when ready.\n');
    }),
  );
  await Promise.all(runs);
});
