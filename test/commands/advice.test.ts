import assert from 'node:assert/strict';
import {test} from 'node:test';

import {adviceForStateDir} from '../../src/commands/advice.js';

test('advice repeats --state-dir in every command it names, quoted where a shell needs it', () => {
  const fix =
    'Restore it from a backup, or run `mse-bind unbind` to remove it; then mse-bind rebind.';
  assert.equal(adviceForStateDir(fix, undefined), fix);
  assert.equal(
    adviceForStateDir(fix, '/srv/mse'),
    'Restore it from a backup, or run `mse-bind unbind --state-dir /srv/mse` to remove it; ' +
      'then mse-bind rebind --state-dir /srv/mse.',
  );
  assert.equal(
    adviceForStateDir('`mse-bind unbind --local-only`', 'C:\\Mse Bind'),
    '`mse-bind unbind --state-dir "C:\\Mse Bind" --local-only`',
  );
  assert.equal(
    adviceForStateDir('mse-bind unbind --state-dir /a', '/a'),
    'mse-bind unbind --state-dir /a',
  );
});
