import assert from 'node:assert/strict';
import {test} from 'node:test';

import {adviceFor} from '../../src/commands/advice.js';

const inTerminal = (stateDir?: string) => ({stateDir, terminal: true});
const inScript = (stateDir?: string) => ({stateDir, terminal: false});

test('advice repeats --state-dir in every command it names, quoted where a shell needs it', () => {
  const fix =
    'Restore it from a backup, or run `mse-bind unbind` to remove it; then mse-bind rebind.';
  assert.equal(adviceFor(fix, inTerminal()), fix);
  assert.equal(
    adviceFor(fix, inTerminal('/srv/mse')),
    'Restore it from a backup, or run `mse-bind unbind --state-dir /srv/mse` to remove it; ' +
      'then mse-bind rebind --state-dir /srv/mse.',
  );
  assert.equal(
    adviceFor('`mse-bind unbind --local-only`', inTerminal('C:\\Mse Bind')),
    '`mse-bind unbind --state-dir "C:\\Mse Bind" --local-only`',
  );
  assert.equal(
    adviceFor('mse-bind unbind --state-dir /a', inTerminal('/a')),
    'mse-bind unbind --state-dir /a',
  );
});

test('the wizard in backticks and bind are commands too; the program named in prose is not', () => {
  assert.equal(
    adviceFor(
      'Run `mse-bind` to bind this site, or mse-bind bind --non-interactive.',
      inScript('/s'),
    ),
    'Run `mse-bind --state-dir /s` to bind this site, or mse-bind bind --state-dir /s --non-interactive.',
  );
  const prose = 'Another mse-bind is binding the site; run mse-bind as the user that owns it.';
  assert.equal(adviceFor(prose, inScript('/s')), prose);
});

test('without a terminal, unbind is advised with --yes, which it needs there to run', () => {
  assert.equal(
    adviceFor(
      'Give one: mse-bind unbind --ca-file FILE; or `mse-bind unbind --local-only` forgets it.',
      inScript('/s'),
    ),
    'Give one: mse-bind unbind --state-dir /s --yes --ca-file FILE; or ' +
      '`mse-bind unbind --state-dir /s --yes --local-only` forgets it.',
  );
  assert.equal(adviceFor('run `mse-bind unbind`', inScript()), 'run `mse-bind unbind --yes`');
  assert.equal(adviceFor('run `mse-bind unbind --yes`', inScript()), 'run `mse-bind unbind --yes`');
  // In a terminal it asks, as it should; and nothing else needs --yes.
  assert.equal(adviceFor('run `mse-bind unbind`', inTerminal()), 'run `mse-bind unbind`');
  assert.equal(adviceFor('run mse-bind rebind', inScript()), 'run mse-bind rebind');
});
