import assert from 'node:assert/strict';
import {parseArgs} from 'node:util';
import {test} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {describeArgumentError} from '../../src/commands/argument-error.js';
import {runCli} from '../helpers/run-cli.js';

const options = {
  config: {type: 'string'},
  json: {type: 'boolean'},
  yes: {type: 'boolean', short: 'y'},
  help: {type: 'boolean', short: 'h'},
} as const;

/** The description of a command line that strict parsing refuses, as the program shows it. */
function describe(args: string[]): string {
  assert.throws(() => parseArgs({args, options, allowPositionals: true, strict: true}));
  return describeArgumentError(args, options);
}

test('an unknown option is named as such, without Node advice about positionals', () => {
  const text = describe(['-p', 'Not-On-The-Screen-1']);
  assert.equal(text, 'unknown option -p');
  assert.doesNotMatch(text, /positional|Not-On-The-Screen-1|"/);
  assert.equal(describe(['bind', '--bogus']), 'unknown option --bogus');
  assert.equal(describe(['-yx']), 'unknown option -x');
});

test('a value missing, given to a flag, or swallowed by the next option', () => {
  assert.equal(describe(['--config']), 'option --config needs a value (--config VALUE)');
  assert.equal(describe(['--json=yes']), 'option --json takes no value');
  assert.equal(describe(['-h=1']), 'unknown option -=');
  const swallowed = describe(['--config', '-y']);
  assert.match(swallowed, /^option --config needs a value, and the next argument looks like/);
  assert.match(swallowed, /--config=VALUE/);
});

test('no value of the command line is ever repeated', () => {
  const text = describe(['--config=./site.json', '--json=Not-On-The-Screen-2']);
  assert.equal(text, 'option --json takes no value');
});

test('mse-bind -p secret: unknown option, the way to --help, the input exit code', async () => {
  const run = await runCli(['-p', 'Not-On-The-Screen-3']);
  assert.equal(run.code, exitCodes.input);
  assert.equal(run.stderr, 'mse-bind: unknown option -p. Run mse-bind --help for the options.\n');
});
