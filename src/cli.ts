import {parseArgs} from 'node:util';
import {BindError, exitCodes} from './bind/errors.js';
import {version} from './version.js';
import {usage} from './usage.js';

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
  help: {type: 'boolean', short: 'h'},
  version: {type: 'boolean', short: 'v'},
} as const;

/** Options that would put a secret on the command line, where other users can read it. */
const secretOptions = /^--?(password|pass|pw|secret|app-?key|key|token)(=|$)/i;

export type CommonOptions = {
  readonly stateDir: string | undefined;
  readonly allowKeyFile: boolean;
  readonly config: string | undefined;
  readonly intervalSeconds: number | undefined;
  readonly json: boolean;
  readonly writeConfig: string | undefined;
};

function fail(message: string, code = exitCodes.input): never {
  process.stderr.write(`mse-bind: ${message}\n`);
  process.exit(code);
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
  const secretArg = argv.find((arg) => secretOptions.test(arg));
  if (secretArg) {
    const name = secretArg.split('=')[0];
    fail(
      `${name} is not accepted: secrets are never read from the command line, where other ` +
        'users and logs can see them. Type them on the screen (see mse-bind --help).',
    );
  }

  let parsed;
  try {
    parsed = parseArgs({args: argv, options, allowPositionals: true, strict: true});
  } catch (error) {
    fail(`${(error as Error).message}\nRun mse-bind --help for the commands and options.`);
  }
  const {values, positionals} = parsed;
  if (values.version) {
    process.stdout.write(`mse-bind ${version}\n`);
    return 0;
  }
  if (values.help) {
    process.stdout.write(usage);
    return 0;
  }

  const common: CommonOptions = {
    stateDir: values['state-dir'],
    allowKeyFile: values['allow-key-file'] ?? false,
    config: values.config,
    intervalSeconds: parseInterval(values.interval),
    json: values.json ?? false,
    writeConfig: values['write-config'],
  };
  const [command = 'wizard', ...rest] = positionals;
  if (rest.length > 0) fail(`unexpected argument "${rest[0]}". Run mse-bind --help.`);

  switch (command) {
    case 'wizard':
      return (await import('./commands/wizard.js')).runWizard(common);
    case 'demo':
      return (await import('./commands/demo.js')).runDemo(common);
    case 'simulate':
      return (await import('./commands/simulate.js')).runSimulate(common);
    case 'status':
      return (await import('./commands/status.js')).runStatus(common);
    case 'help':
      process.stdout.write(usage);
      return 0;
    default:
      return fail(`unknown command "${command}". Run mse-bind --help for the commands.`);
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // Classified failures are expected: their message and fix, never a stack trace.
    if (error instanceof BindError) {
      process.stderr.write(`mse-bind: ${error.message}\nFix: ${error.fix}\n`);
      process.exitCode = exitCodes[error.errorClass];
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`mse-bind: unexpected error: ${message}\n`);
    process.exitCode = 1;
  },
);
