import assert from 'node:assert/strict';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {test} from 'node:test';

import type {BindDeps} from '../../src/bind/bind-deps.js';
import {createNetworkPath, noNetworkEnvironment} from '../../src/bind/http/index.js';
import {runBind, type PipelineEvent} from '../../src/bind/pipeline.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';

/**
 * Steps 1, 3 and 4 start together, so a CA file that cannot be read must stop the bind before
 * any of them contacts anything: plain LDAP (which has no use for the CA file) included.
 */
test('an unreadable CA file fails step 1 before the directory or Exchange is contacted', async () => {
  const contacted: string[] = [];
  const contact = (name: string) => async () => {
    contacted.push(name);
    throw new Error(`${name} must not be called`);
  };
  // A cast, as in the other pipeline tests: the stand-ins do not return the real shapes.
  const deps = {
    lockSite: async () => ({release: async () => undefined}),
    openNetworkPath: (network, signal) =>
      createNetworkPath(network, signal, {env: noNetworkEnvironment}),
    preflight: contact('preflight'),
    findAccount: contact('findAccount'),
    registerBinding: contact('registerBinding'),
    checkBinding: contact('checkBinding'),
    logout: contact('logout'),
    validateDirectory: contact('validateDirectory'),
    validateExchange: contact('validateExchange'),
    saveBinding: contact('saveBinding'),
  } as BindDeps;
  const saved = sampleBindingRecord();
  const caFile = join(tmpdir(), 'mse-bind-no-such-dir', 'ca.pem');
  const events: PipelineEvent[] = [];

  const result = await runBind(
    {
      settings: {
        ...saved.settings,
        directory: {...saved.settings.directory, tlsMode: 'none', port: 389},
        network: {caFile, proxyUrl: ''},
      },
      secrets: saved.secrets,
      credentials: {email: 'admin@contoso.example', password: 'Admin-Password-1!'},
      existing: null,
    },
    (event) => events.push(event),
    new AbortController().signal,
    deps,
  );

  assert.deepEqual(contacted, []);
  assert.ok(!result.ok);
  assert.equal(result.step, 1);
  assert.equal(result.error.errorClass, 'input');
  assert.equal(result.error.setting, 'caFile');
  assert.equal(result.error.message, `The CA file ${caFile} cannot be read (ENOENT).`);
  const skipped = events.flatMap((event) => (event.type === 'step-skipped' ? [event.step] : []));
  assert.deepEqual(skipped.sort(), [2, 3, 4, 5]);
  assert.ok(!events.some((event) => event.type === 'step-started' && event.step !== 1));
});
