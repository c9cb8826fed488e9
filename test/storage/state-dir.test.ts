import assert from 'node:assert/strict';
import {isAbsolute, join, resolve} from 'node:path';
import {test} from 'node:test';
import {BindError} from '../../src/bind/errors.js';
import {resolveStateDir, stateDirVariable} from '../../src/storage/state-dir.js';

test('the explicit option wins over the environment', () => {
  const env = {[stateDirVariable]: '/from/env'};
  assert.equal(resolveStateDir('/from/option', env), resolve('/from/option'));
});

test('MSE_BIND_STATE_DIR is used when no option is given', () => {
  assert.equal(resolveStateDir(undefined, {[stateDirVariable]: '/from/env'}), resolve('/from/env'));
  assert.equal(resolveStateDir('', {[stateDirVariable]: '/from/env'}), resolve('/from/env'));
});

test('MSE_BIND_STATE_DIR set but empty is refused, not taken for the default directory', () => {
  assert.throws(
    () => resolveStateDir(undefined, {[stateDirVariable]: ''}),
    (error) =>
      error instanceof BindError &&
      error.errorClass === 'input' &&
      error.message === 'MSE_BIND_STATE_DIR is set but empty.',
  );
  // The option it would only stand in for is given: nothing of it is used.
  assert.equal(resolveStateDir('/from/option', {[stateDirVariable]: ''}), resolve('/from/option'));
});

test('a relative directory becomes absolute (the keychain entry is named after it)', () => {
  const dir = resolveStateDir('relative/state', {});
  assert.ok(isAbsolute(dir));
  assert.equal(dir, resolve('relative/state'));
});

test(
  'otherwise the platform config directory, without a suffix',
  {
    skip: process.platform !== 'linux' && 'the XDG layout is checked on Linux',
  },
  () => {
    const saved = process.env.XDG_CONFIG_HOME;
    process.env.XDG_CONFIG_HOME = '/xdg/config';
    try {
      assert.equal(resolveStateDir(undefined, {}), join('/xdg/config', 'mse-bind'));
    } finally {
      if (saved === undefined) delete process.env.XDG_CONFIG_HOME;
      else process.env.XDG_CONFIG_HOME = saved;
    }
  },
);
