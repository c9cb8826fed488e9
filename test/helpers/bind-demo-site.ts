import assert from 'node:assert/strict';
import {join} from 'node:path';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {noKeychain} from './no-keychain.js';
import {runCli} from './run-cli.js';

/**
 * Binds the simulators' demo site with the built program, `bind --non-interactive` and a key
 * file, as an administrator's script would: the starting point of the re-bind and cancel tests.
 * Returns the state directory, `state` under `root`.
 */
export async function bindDemoSite(sims: DemoSimulators, root: string): Promise<string> {
  const dir = join(root, 'state');
  const config = join(root, 'site.json');
  await writeSettingsFile(config, sims.settings);
  const secrets = [
    sims.admin.password,
    sims.secrets.directoryPassword,
    sims.secrets.exchangePassword,
    sims.secrets.appKey,
  ];
  const bound = await runCli(
    [
      'bind',
      '--non-interactive',
      '--config',
      config,
      '--email',
      sims.admin.email,
      '--password-stdin',
      '--state-dir',
      dir,
      '--allow-key-file',
    ],
    {input: `${secrets.join('\n')}\n`, env: noKeychain},
  );
  assert.equal(bound.code, 0, bound.stdout + bound.stderr);
  return dir;
}
