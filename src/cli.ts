import {parseArgs} from 'node:util';
import {BindError, exitCodes} from './bind/errors.js';
import {version} from './version.js';
import {commandUsage, usage} from './usage.js';
import {inapplicableOption, isCommandName} from './command-options.js';
import {describeArgumentError} from './commands/argument-error.js';
import {neutraliseCiDetection} from './commands/terminal-env.js';
import {claimTerminal, releaseTerminal} from './commands/terminal-screen.js';
import {guardOutput, outputLost} from './commands/output-loss.js';
import {closeHungUpStdio} from './commands/hung-up-stdio.js';
import {settingsFlagNames} from './commands/settings-flags.js';
import type {SettingsFlags} from './commands/settings-flags.js';
import type {RotatedSecret} from './bind/machine.js';

/**
 * Arguments → a command. This is the only place that reads process.argv. Each command is loaded
 * on demand so that `status` never pays for Ink and React, and the wizard's first frame is not
 * held up by the simulators.
 */
const options = {
  'state-dir': {type: 'string'},
  'allow-key-file': {type: 'boolean'},
  config: {type: 'string'},
  'write-config': {type: 'string'},
  interval: {type: 'string'},
  json: {type: 'boolean'},
  'non-interactive': {type: 'boolean'},
  'password-stdin': {type: 'boolean'},
  email: {type: 'string'},
  changed: {type: 'string'},
  yes: {type: 'boolean', short: 'y'},
  'local-only': {type: 'boolean'},
  start: {type: 'boolean'},
  ...Object.fromEntries(settingsFlagNames.map((name) => [name, {type: 'string'}] as const)),
  help: {type: 'boolean', short: 'h'},
  version: {type: 'boolean', short: 'v'},
} as const satisfies Record<string, {type: 'string' | 'boolean'; short?: string}>;

/** Options that would put a secret on the command line, where other users can read it. */
const secretOptions = /^--?(password|pass|pw|secret|app-?key|key|token)(=|$)/i;

export type CommonOptions = {
  readonly stateDir: string | undefined;
  readonly allowKeyFile: boolean;
  readonly config: string | undefined;
  readonly intervalSeconds: number | undefined;
  readonly json: boolean;
  readonly writeConfig: string | undefined;
  readonly yes: boolean;
  /** unbind: forget the binding here without logging it out at Mimecast. */
  readonly localOnly: boolean;
};

const rotatedSecretNames: readonly RotatedSecret[] = ['mimecast', 'directory', 'exchange'];

function parseChanged(value: string | undefined): RotatedSecret {
  if (value === undefined) return 'mimecast';
  const found = rotatedSecretNames.find((name) => name === value);
  if (!found) fail(`--changed takes mimecast, directory or exchange, not "${value}".`);
  return found;
}

/** Set once the command line is read: failures are then also told in JSON on stdout. */
let jsonOutput = false;
/** The --state-dir given, which advice to run another command must repeat. */
let stateDirOption: string | undefined;

/** A command line that cannot be run: its message is the whole story (no separate fix). */
class UsageError extends Error {}

function fail(message: string): never {
  throw new UsageError(message);
}

/**
 * The summary `--json` promises, for a failure before or outside the steps, so a script that
 * reads stdout learns of every failure the same way it learns of a failed step.
 */
function writeJsonFailure(failure: {
  exitCode: number;
  errorClass: string;
  message: string;
  fix?: string;
}): void {
  process.stdout.write(`${JSON.stringify({result: 'failed', ...failure})}\n`);
}

/** Options naming a file, a directory or a person, where an empty value can only be a slip. */
const nonEmptyOptions = new Set([
  'state-dir',
  'config',
  'write-config',
  'email',
  'changed',
  'interval',
]);

/**
 * Refuses an option given twice with different values, and an empty value where one is needed.
 * Either is a script's slip (`--state-dir "$DIR"` with DIR unset, a copied line with a second
 * --changed), and taking the last value or the default instead would act on another site or
 * send a password to the wrong account. Settings options may be empty: an empty base DN asks
 * the server for it.
 */
function checkOptionValues(tokens: ReturnType<typeof parseArgs>['tokens']): void {
  const seen = new Map<string, string | undefined>();
  for (const token of tokens ?? []) {
    if (token.kind !== 'option') continue;
    if (seen.has(token.name) && seen.get(token.name) !== token.value) {
      fail(`--${token.name} is given twice with different values; give it once.`);
    }
    seen.set(token.name, token.value);
    if (token.value === '' && nonEmptyOptions.has(token.name)) {
      fail(`--${token.name} was given an empty value.`);
    }
  }
}

function parseInterval(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!Number.isFinite(seconds) || seconds < 1 || seconds > 86_400) {
    fail(`--interval takes a number of seconds from 1 to 86400, not "${value}".`);
  }
  return seconds;
}

async function main(argv: string[]): Promise<number> {
  jsonOutput = argv.includes('--json');
  const secretArg = argv.find((arg) => secretOptions.test(arg));
  if (secretArg) {
    const name = secretArg.split('=')[0];
    const instead = argv.includes('--non-interactive')
      ? 'Give them on standard input with --password-stdin, or in the MSE_BIND_ variables ' +
        '(see mse-bind bind --help).'
      : 'Type them on the screen, or see mse-bind bind --help for scripts.';
    fail(
      `${name} is not accepted: secrets are never read from the command line, where other ` +
        `users and logs can see them. ${instead}`,
    );
  }

  let parsed;
  try {
    parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true, tokens: true});
  } catch {
    fail(`${describeArgumentError(argv, options)}. Run mse-bind --help for the options.`);
  }
  const {values, positionals, tokens} = parsed;
  // `-- --json` is an argument, not the option: only the option asks for JSON failures.
  jsonOutput = values.json === true;
  checkOptionValues(tokens);
  const [command = 'wizard', ...rest] = positionals;
  if (!isCommandName(command)) {
    fail(`unknown command "${command}". Run mse-bind --help for the commands.`);
  }
  if (command === 'help') {
    const [topic, ...extra] = rest;
    if (topic === undefined) {
      process.stdout.write(usage);
      return 0;
    }
    if (!isCommandName(topic) || extra.length > 0) {
      fail(`there is no help on "${[topic, ...extra].join(' ')}". Run mse-bind --help.`);
    }
    process.stdout.write(commandUsage[topic]);
    return 0;
  }
  if (rest.length > 0) fail(`unexpected argument "${rest[0]}". Run mse-bind --help.`);
  if (values.help) {
    process.stdout.write(command === 'wizard' ? usage : commandUsage[command]);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`mse-bind ${version}\n`);
    return 0;
  }
  const interactiveOnly = command === 'wizard' || command === 'demo';
  if (values['non-interactive'] && interactiveOnly) {
    fail('the wizard is interactive; use `mse-bind bind --non-interactive` for scripts.');
  }
  const stray = inapplicableOption(
    command,
    Object.keys(values),
    values['non-interactive'] ?? false,
  );
  if (stray !== null) {
    // A refused --json promises no JSON: the command that would print it does not run.
    if (stray === '--json') jsonOutput = false;
    const name = command === 'wizard' ? 'mse-bind' : `mse-bind ${command}`;
    const mode =
      values['non-interactive'] && stray !== '--non-interactive' ? ' --non-interactive' : '';
    fail(`${stray} does not apply to ${name}${mode}. Run ${name} --help for the options it takes.`);
  }

  stateDirOption = values['state-dir'];
  const common: CommonOptions = {
    stateDir: values['state-dir'],
    allowKeyFile: values['allow-key-file'] ?? false,
    config: values.config,
    intervalSeconds: parseInterval(values.interval),
    json: values.json ?? false,
    writeConfig: values['write-config'],
    yes: values.yes ?? false,
    localOnly: values['local-only'] ?? false,
  };
  const settingsFlags: SettingsFlags = {};
  for (const name of settingsFlagNames) {
    const value = (values as Record<string, unknown>)[name];
    if (typeof value === 'string') settingsFlags[name] = value;
  }
  const nonInteractive = {
    ...common,
    email: values.email,
    passwordStdin: values['password-stdin'] ?? false,
    changed: parseChanged(values.changed),
    settings: settingsFlags,
  };

  // Before Ink is first imported: a stray CI variable must not blank the screen.
  neutraliseCiDetection();
  const fullScreen =
    command === 'wizard' || command === 'demo' || command === 'rebind' || command === 'bind';
  if (fullScreen && !values['non-interactive']) claimTerminal();

  switch (command) {
    case 'wizard':
      return (await import('./commands/wizard.js')).runWizard(common);
    case 'bind':
      if (!values['non-interactive'])
        return (await import('./commands/wizard.js')).runWizard(common);
      return (await import('./commands/bind-non-interactive.js')).runBindNonInteractive(
        nonInteractive,
        'bind',
      );
    case 'rebind':
      if (!values['non-interactive'])
        return (await import('./commands/rebind.js')).runRebind(common);
      return (await import('./commands/bind-non-interactive.js')).runBindNonInteractive(
        nonInteractive,
        'rebind',
      );
    case 'unbind':
      return (await import('./commands/unbind.js')).runUnbind(common, settingsFlags);
    case 'run':
      return (await import('./commands/run-engine.js')).runEngine(common, {
        start: values.start ?? false,
      });
    case 'demo':
      return (await import('./commands/demo.js')).runDemo(common);
    case 'simulate':
      return (await import('./commands/simulate.js')).runSimulate(common);
    case 'status':
      return (await import('./commands/status.js')).runStatus(common);
  }
}

// First of all: a failed write anywhere must end the command as a hang-up does, not crash it.
guardOutput();
// Whoever ran a command that lost its output did not get it, so it did not succeed for them; a
// failure keeps its own code, which says more. Decided on the way out, because a failed write is
// reported a tick after it, when the command may already have returned.
process.once('exit', () => {
  if (outputLost() && !process.exitCode) process.exitCode = exitCodes.cancelled;
  closeHungUpStdio();
});

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  async (error: unknown) => {
    // A failure before the first frame must be read on the normal screen, not lost with it.
    releaseTerminal();
    // Loaded only here: the start of every command does without it.
    const {forTerminal} = await import('./commands/terminal-text.js');
    const say = (text: string) => process.stderr.write(forTerminal(text, process.stderr));
    if (error instanceof UsageError) {
      say(`mse-bind: ${error.message}\n`);
      process.exitCode = exitCodes.input;
      if (jsonOutput) {
        writeJsonFailure({exitCode: exitCodes.input, errorClass: 'input', message: error.message});
      }
      return;
    }
    // Classified failures are expected: their message and fix, never a stack trace.
    if (error instanceof BindError) {
      const {adviceContext, adviceFor} = await import('./commands/advice.js');
      const advice = adviceFor(error.fix, adviceContext(stateDirOption));
      // A list of fixes starts on its own line.
      const fix = advice.startsWith('\n') ? advice : ` ${advice}`;
      say(`mse-bind: ${error.message}\nFix:${fix}\n`);
      process.exitCode = exitCodes[error.errorClass];
      if (jsonOutput) {
        const {errorClass, message} = error;
        writeJsonFailure({exitCode: process.exitCode, errorClass, message, fix: advice.trim()});
      }
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    say(`mse-bind: unexpected error: ${message}\n`);
    process.exitCode = 1;
    if (jsonOutput) writeJsonFailure({exitCode: 1, errorClass: 'unexpected', message});
  },
);
