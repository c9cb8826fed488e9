import assert from 'node:assert/strict';
import {test} from 'node:test';

import {BindError} from '../../src/bind/errors.js';
import {emptySettings} from '../../src/bind/settings.js';
import {applySettingsFlags} from '../../src/commands/settings-flags.js';

test('--directory-port takes decimal digits only, naming the setting', () => {
  for (const port of ['0x185', '+389', '389.0', '1e3', '0', '65536', '']) {
    assert.throws(
      () => applySettingsFlags(emptySettings(), {'directory-port': port}),
      (error: unknown) =>
        error instanceof BindError &&
        error.errorClass === 'input' &&
        error.setting === 'directoryPort' &&
        error.message === `--directory-port must be 1 to 65535, not "${port}".`,
      port,
    );
  }
  const settings = applySettingsFlags(emptySettings(), {'directory-port': '3269'});
  assert.equal(settings.directory.port, 3269);
});
