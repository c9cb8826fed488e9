import {after, before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {mkdtemp, readFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {join} from 'node:path';
import {exitCodes} from '../../src/bind/errors.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {simFaults} from '../../src/simulators/mimecast/index.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startSimulatedSite, type SimulatedSite} from '../helpers/simulated-site.js';
import {runCli} from '../helpers/run-cli.js';
import {noKeychain} from '../helpers/no-keychain.js';

/**
 * `mse-bind bind --non-interactive` as a script uses it: the built program, settings from a
 * file, secrets on stdin, against the simulators. Each error class it can provoke exits with
 * its documented code.
 */
let sims: DemoSimulators;
let root: string;
let config: string;

// No test may reach a real keychain: the children get a D-Bus address that leads nowhere, so
// storage falls back to the key file that --allow-key-file permits.

let site: SimulatedSite;

before(async () => {
  site = await startSimulatedSite('mse-bind-cli-');
  ({sims, root, config} = site);
});
after(async () => {
  await site.close();
});

function secretsInput(overrides: {admin?: string; directory?: string; exchange?: string} = {}) {
  return (
    [
      overrides.admin ?? sims.admin.password,
      overrides.directory ?? sims.secrets.directoryPassword,
      overrides.exchange ?? sims.secrets.exchangePassword,
      sims.secrets.appKey,
    ].join('\n') + '\n'
  );
}

let dirCount = 0;
async function stateDir(): Promise<string> {
  return mkdtemp(join(root, `state-${dirCount++}-`));
}

async function bind(extra: string[] = [], input = secretsInput(), dir?: string) {
  // An option in `extra` replaces the default one: the program refuses one given twice.
  const defaults = [
    ['--config', config],
    ['--email', sims.admin.email],
    ['--state-dir', dir ?? (await stateDir())],
  ].filter(([name]) => !extra.includes(name!));
  const args = [
    'bind',
    '--non-interactive',
    '--password-stdin',
    '--allow-key-file',
    ...defaults.flat(),
    ...extra,
  ] as string[];
  return runCli(args, {input, env: noKeychain});
}

function assertNoSecrets(text: string) {
  for (const secret of [
    sims.admin.password,
    sims.secrets.appKey,
    sims.secrets.directoryPassword,
    sims.secrets.exchangePassword,
  ]) {
    assert.ok(!text.includes(secret), 'a secret reached the output');
  }
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('bind --non-interactive', () => {
  it('binds, printing one line per step and the valid line', async () => {
    const dir = await stateDir();
    const run = await bind([], secretsInput(), dir);
    assert.equal(run.code, 0, run.stderr);
    const lines = run.stdout.trim().split('\n');
    assert.equal(lines.filter((line) => line.startsWith('[+] ')).length, 6);
    // A script has no window to close, and step 5 has already saved.
    assert.ok(lines.includes('[+] ALL SETTINGS ARE VALID, and the settings are saved'));
    assert.ok(!lines.some((line) => line.includes('close this window')));
    assertNoSecrets(run.stdout + run.stderr);

    const status = await runCli(['status', '--json', '--state-dir', dir], {env: noKeychain});
    assert.equal(status.code, 0, status.stderr);
    const parsed = JSON.parse(status.stdout) as {siteName: string; account: {code: string}};
    assert.equal(parsed.siteName, sims.settings.siteName);
    assertNoSecrets(status.stdout);
  });

  it('prints one JSON object per step and a summary with --json', async () => {
    const run = await bind(['--json']);
    assert.equal(run.code, 0, run.stderr);
    const objects = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as {step?: number; status?: string; result?: string});
    assert.deepEqual(
      objects.filter((object) => object.step).map((object) => object.status),
      ['passed', 'passed', 'passed', 'passed', 'passed'],
    );
    assert.equal(objects.at(-1)?.result, 'valid');
  });

  it('binds with OAuth as the app the simulators name, through their Entra ID', async () => {
    const {summary} = sims;
    // prettier-ignore
    const run = await bind(
      [
        '--exchange-auth', 'oauth', '--exchange-access', 'impersonation',
        '--mailbox', 'alice@contoso.example', '--tenant', summary.oauthTenant,
        '--client-id', summary.oauthClientId, '--authority-url', summary.oauthAuthorityUrl,
      ],
      `${secretsInput()}${summary.oauthClientSecret}\n`,
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
    assert.match(
      run.stdout,
      /\[\+\] 4 Validate Exchange access: .*mailbox root readable \(impersonation of alice@/,
    );
    assert.equal(sims.entra.requests.at(-1)?.clientId, summary.oauthClientId);
    assert.equal(sims.ews.requests.at(-1)?.user, `app ${summary.oauthClientId}`);
    assertNoSecrets(run.stdout + run.stderr);
    assert.ok(!(run.stdout + run.stderr).includes(summary.oauthClientSecret));
  });

  it('rotates an OAuth client secret with rebind --changed exchange, never taking it as a password', async () => {
    const {summary} = sims;
    const dir = await stateDir();
    // prettier-ignore
    const bound = await bind(
      [
        '--exchange-auth', 'oauth', '--exchange-access', 'impersonation',
        '--mailbox', 'alice@contoso.example', '--tenant', summary.oauthTenant,
        '--client-id', summary.oauthClientId, '--authority-url', summary.oauthAuthorityUrl,
      ],
      `${secretsInput()}${summary.oauthClientSecret}\n`,
      dir,
    );
    assert.equal(bound.code, 0, bound.stdout + bound.stderr);
    const before = await readFile(join(dir, 'binding.enc'));
    const rebind = ['rebind', '--non-interactive', '--changed', 'exchange', '--state-dir', dir];

    const wrong = await runCli([...rebind, '--password-stdin'], {
      input: 'Not-The-Client-Secret\n',
      env: noKeychain,
    });
    assert.equal(wrong.code, exitCodes.credentials, wrong.stdout + wrong.stderr);
    assert.match(wrong.stdout, /\[x\] 4 /);
    assert.deepEqual(await readFile(join(dir, 'binding.enc')), before);

    const right = await runCli(rebind, {
      env: {...noKeychain, MSE_BIND_EXCHANGE_CLIENT_SECRET: summary.oauthClientSecret},
    });
    assert.equal(right.code, 0, right.stdout + right.stderr);
    assert.ok(!(right.stdout + right.stderr).includes(summary.oauthClientSecret));
  });

  it('exits with the input code for a missing setting, naming the option', async () => {
    const run = await runCli(
      ['bind', '--non-interactive', '--password-stdin', '--state-dir', await stateDir()],
      {input: secretsInput(), env: noKeychain},
    );
    assert.equal(run.code, exitCodes.input);
    assert.match(run.stderr, /--site-name/);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
  });

  it('refuses a setting holding a control character, from options or a file', async () => {
    const evil = 'Evil\u001b[2J\u001b[31mRED\nline2\u0007';
    const fromOption = await bind(['--site-name', evil]);
    assert.equal(fromOption.code, exitCodes.input);
    assert.match(fromOption.stderr, /Site name contains a control character/);
    assert.ok(!fromOption.stderr.includes('\u001b'), 'no escape sequence echoed back');

    const file = join(root, 'evil.json');
    await writeSettingsFile(file, {...sims.settings, siteName: evil});
    const fromFile = await bind(['--config', file]);
    assert.equal(fromFile.code, exitCodes.input);
    assert.match(fromFile.stderr, /"siteName" contains a control character/);
  });

  it('trims a directory server as the wizard does, and refuses one with a port in it', async () => {
    const host = sims.settings.directory.host;
    const padded = await bind(['--directory-host', `${host} `]);
    assert.equal(padded.code, 0, padded.stderr);

    const withPort = await bind(['--directory-host', `${host}:${sims.settings.directory.port}`]);
    assert.equal(withPort.code, exitCodes.input);
    assert.match(withPort.stderr, /the port goes in Directory port/);
    assert.match(withPort.stderr, /--directory-host/);
    assert.doesNotMatch(withPort.stdout, /\[[+x]\] 3 /, 'step 3 never ran');
  });

  it('refuses a service account Autodiscover could not ask about before any step', async () => {
    const run = await bind(['--ews-url', '', '--exchange-user', 'svc-mse@localhost']);
    assert.equal(run.code, exitCodes.input, run.stdout + run.stderr);
    assert.match(run.stderr, /the service account svc-mse@localhost names no mail domain/);
    assert.match(run.stderr, /--ews-url/);
    assert.doesNotMatch(run.stdout, /\[[+x]\] \d /, 'no step ran');
  });

  it('refuses a secret on the command line', async () => {
    const run = await runCli(['bind', '--non-interactive', '--password', 'x']);
    assert.equal(run.code, exitCodes.input);
    assert.match(run.stderr, /never read from the command line/);
  });

  it('takes the secrets from the environment as well', async () => {
    const dir = await stateDir();
    const run = await runCli(
      [
        'bind',
        '--non-interactive',
        '--config',
        config,
        '--email',
        sims.admin.email,
        '--state-dir',
        dir,
        '--allow-key-file',
      ],
      {
        env: {
          ...noKeychain,
          MSE_BIND_PASSWORD: sims.admin.password,
          MSE_BIND_DIRECTORY_PASSWORD: sims.secrets.directoryPassword,
          MSE_BIND_EXCHANGE_PASSWORD: sims.secrets.exchangePassword,
          MSE_BIND_APP_KEY: sims.secrets.appKey,
        },
      },
    );
    assert.equal(run.code, 0, run.stdout + run.stderr);
  });

  const classes: [
    string,
    () => Promise<{code: number | null; stdout: string; stderr: string}>,
    number,
  ][] = [
    [
      'credentials (Mimecast password)',
      () => bind([], secretsInput({admin: 'wrong'})),
      exitCodes.credentials,
    ],
    [
      'credentials (directory password)',
      () => bind([], secretsInput({directory: 'wrong-directory'})),
      exitCodes.credentials,
    ],
    [
      'not-found (not a Mimecast domain)',
      () => bind(['--email', 'admin@unknown-domain.example']),
      exitCodes['not-found'],
    ],
    [
      'network (directory refused)',
      async () => bind(['--directory-port', String(await closedPort())]),
      exitCodes.network,
    ],
    ['tls (CA not trusted)', () => bind(['--ca-file', '']), exitCodes.tls],
    [
      'server (Exchange busy)',
      () => {
        sims.ews.failNext('server-busy');
        return bind();
      },
      exitCodes.server,
    ],
    [
      'auth-scheme (Exchange offers only Negotiate and NTLM, Basic chosen)',
      () => {
        sims.ews.setBasicEnabled(false);
        return bind().finally(() => sims.ews.setBasicEnabled(true));
      },
      exitCodes['auth-scheme'],
    ],
    [
      'permission (Exchange forbidden)',
      () => {
        sims.ews.failNext('forbidden');
        return bind();
      },
      exitCodes.permission,
    ],
    [
      'account-state (directory account must change password)',
      () => {
        sims.ldap.setBindDiagnostic(sims.settings.directory.bindName, '773');
        return bind().finally(() =>
          sims.ldap.setBindDiagnostic(sims.settings.directory.bindName, undefined),
        );
      },
      exitCodes['account-state'],
    ],
    [
      'storage (no keychain, no key file allowed)',
      async () =>
        runCli(
          [
            'bind',
            '--non-interactive',
            '--config',
            config,
            '--email',
            sims.admin.email,
            '--password-stdin',
            '--state-dir',
            await stateDir(),
          ],
          {input: secretsInput(), env: noKeychain},
        ),
      exitCodes.storage,
    ],
  ];
  for (const [name, provoke, code] of classes) {
    it(`exits ${code} for ${name}`, async () => {
      const run = await provoke();
      assert.equal(run.code, code, run.stdout + run.stderr);
      assertNoSecrets(run.stdout + run.stderr);
      assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    });
  }

  // Ctrl+C, a service manager's stop and a closed SSH session all cancel the bind.
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    it(`exits 130 on ${signal}, having saved nothing`, async () => {
      const dir = await stateDir();
      sims.mimecast.setReplyDelay(5_000);
      try {
        const args = ['bind', '--non-interactive', '--config', config, '--email', sims.admin.email];
        const run = await runCli(
          [...args, '--password-stdin', '--state-dir', dir, '--allow-key-file'],
          {
            input: secretsInput(),
            env: noKeychain,
            onSpawn: (child) => setTimeout(() => child.kill(signal), 1_000),
          },
        );
        assert.equal(run.code, exitCodes.cancelled, run.stdout + run.stderr);
        await assert.rejects(readFile(join(dir, 'binding.enc')), {code: 'ENOENT'});
      } finally {
        sims.mimecast.setReplyDelay(0);
      }
    });
  }
});

describe('bind --non-interactive against a rate limit', () => {
  it('exits 10 when Mimecast rate-limits the login for longer than it waits', async () => {
    const dir = await stateDir();
    sims.mimecast.failNext('/api/login/login', simFaults.rateLimited(120_000));
    const run = await bind([], secretsInput(), dir);

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
    assertNoSecrets(run.stdout + run.stderr);
    assert.doesNotMatch(run.stderr, /\n\s+at /, 'no stack trace');
    await assert.rejects(readFile(join(dir, 'binding.enc')), {code: 'ENOENT'});
  });
});

describe('rebind --non-interactive', () => {
  it('re-binds a site kept with a key file without asking for --allow-key-file again', async () => {
    const dir = await stateDir();
    assert.equal((await bind([], secretsInput(), dir)).code, 0);
    const again = await runCli(
      ['rebind', '--non-interactive', '--password-stdin', '--state-dir', dir],
      {
        input: `${sims.admin.password}\n`,
        env: noKeychain,
      },
    );
    assert.equal(again.code, 0, again.stdout + again.stderr);
  });

  it('leaves the saved binding byte for byte when it fails, and keeps one binding', async () => {
    const dir = await stateDir();
    assert.equal((await bind([], secretsInput(), dir)).code, 0);
    const before = await readFile(join(dir, 'binding.enc'));

    const failed = await runCli(
      ['rebind', '--non-interactive', '--password-stdin', '--state-dir', dir, '--allow-key-file'],
      {input: 'not-the-password\n', env: noKeychain},
    );
    assert.equal(failed.code, exitCodes.credentials, failed.stdout + failed.stderr);
    assert.match(failed.stderr, /saved binding is unchanged/);
    assert.deepEqual(await readFile(join(dir, 'binding.enc')), before);

    // Other tests bind the same user against these simulators, so count what the re-binds add.
    const bindingsBefore = sims.mimecast.bindingsFor(sims.admin.email).length;
    for (let round = 0; round < 3; round++) {
      const again = await runCli(
        ['rebind', '--non-interactive', '--password-stdin', '--state-dir', dir, '--allow-key-file'],
        {input: `${sims.admin.password}\n`, env: noKeychain},
      );
      assert.equal(again.code, 0, again.stdout + again.stderr);
      assert.match(again.stdout, /Binding refreshed/);
    }
    assert.equal(sims.mimecast.bindingsFor(sims.admin.email).length, bindingsBefore);
  });
});
