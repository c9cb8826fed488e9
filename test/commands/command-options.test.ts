import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {commandNames, inapplicableOption} from '../../src/command-options.js';
import {commandUsage} from '../../src/usage.js';
import {runCli} from '../helpers/run-cli.js';

test('an option a command does not act on is refused, not ignored', () => {
  assert.equal(inapplicableOption('status', ['state-dir', 'json'], false), null);
  assert.equal(inapplicableOption('status', ['ca-file'], false), '--ca-file');
  assert.equal(inapplicableOption('status', ['yes'], false), '--yes');
  assert.equal(inapplicableOption('run', ['json'], false), '--json');
  assert.equal(inapplicableOption('unbind', ['ca-file', 'proxy', 'yes'], false), null);
  assert.equal(inapplicableOption('bind', ['site-name'], false), '--site-name');
  assert.equal(inapplicableOption('bind', ['site-name', 'json'], true), null);
  assert.equal(inapplicableOption('rebind', ['changed'], false), '--changed');
  assert.equal(inapplicableOption('rebind', ['changed', 'non-interactive'], true), null);
  assert.equal(inapplicableOption('demo', ['state-dir'], false), '--state-dir');
  for (const command of commandNames) {
    assert.equal(inapplicableOption(command, ['help', 'version'], false), null, command);
  }
});

test('the program refuses a stray option with exit 2 and the command to read', async () => {
  for (const [args, expected] of [
    [
      ['status', '--ca-file', 'x.pem'],
      /--ca-file does not apply to mse-bind status\. Run mse-bind status --help/,
    ],
    [['status', '--yes'], /--yes does not apply to mse-bind status/],
    [['run', '--json'], /--json does not apply to mse-bind run\./],
    [['bind', '--site-name', 'x'], /--site-name does not apply to mse-bind bind\. Run/],
  ] as const) {
    const run = await runCli([...args]);
    assert.equal(run.code, exitCodes.input, args.join(' '));
    assert.match(run.stderr, expected);
  }
});

test('each command has its own help, by --help or by help COMMAND', async () => {
  for (const command of commandNames) {
    if (command === 'wizard' || command === 'help') continue;
    const viaOption = await runCli([command, '--help']);
    assert.equal(viaOption.code, 0, command);
    assert.equal(viaOption.stdout, commandUsage[command]);
    const viaHelp = await runCli(['help', command]);
    assert.equal(viaHelp.stdout, commandUsage[command]);
  }
  const unknown = await runCli(['help', 'frobnicate']);
  assert.equal(unknown.code, exitCodes.input);
  assert.match(unknown.stderr, /there is no help on "frobnicate"/);
});

test('every option a command accepts is in its help', () => {
  const accepted: Record<string, string[]> = {
    unbind: ['--state-dir', '--allow-key-file', '--yes', '--local-only', '--ca-file', '--proxy'],
    run: ['--state-dir', '--allow-key-file', '--interval', '--start'],
    status: ['--state-dir', '--allow-key-file', '--json'],
    simulate: ['--write-config'],
    demo: ['--interval'],
    rebind: ['--changed', '--password-stdin', '--json', '--email', '--config', '--interval'],
  };
  for (const [command, names] of Object.entries(accepted)) {
    for (const name of names) {
      assert.ok(
        commandUsage[command as keyof typeof commandUsage].includes(name),
        `${command} ${name}`,
      );
    }
  }
});

test('a failure under --json is also told as one JSON summary on stdout', async () => {
  const run = await runCli(
    ['bind', '--non-interactive', '--json', '--config', '/nonexistent/site.json'],
    {input: ''},
  );
  assert.equal(run.code, exitCodes.input);
  const summary = JSON.parse(run.stdout.trim()) as Record<string, unknown>;
  assert.equal(summary.result, 'failed');
  assert.equal(summary.exitCode, exitCodes.input);
  assert.equal(summary.errorClass, 'input');
  assert.match(String(summary.message), /site\.json/);
  assert.equal(typeof summary.fix, 'string');

  const stray = await runCli(['status', '--json', '--yes']);
  assert.equal(stray.code, exitCodes.input);
  assert.deepEqual(JSON.parse(stray.stdout.trim()), {
    result: 'failed',
    exitCode: exitCodes.input,
    errorClass: 'input',
    message:
      '--yes does not apply to mse-bind status. Run mse-bind status --help for the options it takes.',
  });
});

test('a secret option is refused with advice that fits the mode', async () => {
  const scripted = await runCli(['bind', '--non-interactive', '--password', 'Not-Shown-1']);
  assert.equal(scripted.code, exitCodes.input);
  assert.match(scripted.stderr, /--password is not accepted/);
  assert.match(scripted.stderr, /--password-stdin, or in the MSE_BIND_ variables/);
  assert.doesNotMatch(scripted.stderr, /on the screen|Not-Shown-1/);
  const interactive = await runCli(['--password=Not-Shown-2']);
  assert.match(interactive.stderr, /Type them on the screen/);
  assert.doesNotMatch(interactive.stderr, /Not-Shown-2/);
});

test('an option given twice with different values is refused before anything runs', async () => {
  for (const args of [
    ['rebind', '--non-interactive', '--changed', 'exchange', '--changed', 'directory'],
    ['status', '--state-dir', 'a', '--state-dir', 'b'],
    ['status', '--state-dir=a', '--state-dir', 'b'],
  ]) {
    const run = await runCli(args);
    assert.equal(run.code, exitCodes.input, args.join(' '));
    assert.match(run.stderr, /--(changed|state-dir) is given twice with different values; give/);
  }
  const same = await runCli(['status', '--state-dir', 'a', '--state-dir=a', '--help']);
  assert.equal(same.code, 0, 'the same value twice is one value');
});

test('an empty state directory, settings file or email is refused, not taken as none', async () => {
  for (const [args, name] of [
    [['status', '--state-dir', ''], 'state-dir'],
    [['unbind', '--yes', '--state-dir='], 'state-dir'],
    [['bind', '--non-interactive', '--config', ''], 'config'],
    [['bind', '--non-interactive', '--email', ''], 'email'],
  ] as const) {
    const run = await runCli([...args]);
    assert.equal(run.code, exitCodes.input, args.join(' '));
    assert.match(run.stderr, new RegExp(`--${name} was given an empty value`));
  }
});

test('an empty MSE_BIND_STATE_DIR is refused by every command that reads it, naming it', async () => {
  const commands = [
    ['status'],
    ['status', '--json'],
    ['run'],
    ['unbind', '--yes'],
    ['rebind', '--non-interactive'],
    ['bind', '--non-interactive', '--email', 'a@contoso.example'],
  ];
  // Were the variable taken for the default, the default would be this empty directory.
  const config = await mkdtemp(join(tmpdir(), 'mse-bind-default-'));
  const env = {MSE_BIND_STATE_DIR: '', XDG_CONFIG_HOME: config};
  const runs = commands.map((args) => runCli(args, {env}));
  for (const [index, run] of (await Promise.all(runs)).entries()) {
    const args = commands[index]?.join(' ');
    assert.equal(run.code, exitCodes.input, `${args}: ${run.stdout}${run.stderr}`);
    assert.match(run.stderr, /^mse-bind: MSE_BIND_STATE_DIR is set but empty\.\nFix: Set /, args);
  }
  await rm(config, {recursive: true, force: true});
});

test('a refused --json prints no JSON, and a refused --non-interactive is named once', async () => {
  const json = await runCli(['run', '--json']);
  assert.equal(json.code, exitCodes.input);
  assert.equal(json.stdout, '');

  const positional = await runCli(['status', '--', '--json']);
  assert.equal(positional.code, exitCodes.input);
  assert.equal(positional.stdout, '');

  const mode = await runCli(['status', '--non-interactive']);
  assert.match(mode.stderr, /--non-interactive does not apply to mse-bind status\. Run/);
});

test('--help wins over --version', async () => {
  const run = await runCli(['status', '-h', '-v']);
  assert.equal(run.code, 0);
  assert.equal(run.stdout, commandUsage.status);
});
