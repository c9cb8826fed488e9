import assert from 'node:assert/strict';
import {mkdtemp, readdir, readFile, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';
import {exitCodes} from '../../src/bind/errors.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {startDemoSimulators, type DemoSimulators} from '../../src/simulators/start-all.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {runCli} from '../helpers/run-cli.js';

/**
 * A script that retries `bind --non-interactive` with a wrong application key, as an
 * administrator would before spotting the typo: each login creates a binding that get-account
 * then refuses, and the clean-up logout is refused too (it is signed with the same key). The
 * simulator, like Mimecast, locks the user out past 10 live bindings.
 */
const wrongAppKey = '00000000-0000-0000-0000-000000000000';

let root: string;
const started: DemoSimulators[] = [];

before(async () => {
  root = await mkdtemp(join(tmpdir(), 'mse-bind-retries-'));
});
after(async () => {
  await Promise.all(started.map((sims) => sims.close()));
  await rm(root, {recursive: true, force: true});
});

/** Simulators of its own: the binding count is the user's at that simulator. */
async function newSite() {
  const sims = await startDemoSimulators();
  started.push(sims);
  const config = join(root, `site-${started.length}.json`);
  await writeSettingsFile(config, sims.settings);
  const stateDir = join(root, `state-${started.length}`);
  const bind = (appKey: string) => {
    const lines = [
      sims.admin.password,
      sims.secrets.directoryPassword,
      sims.secrets.exchangePassword,
      appKey,
    ];
    const args = ['bind', '--non-interactive', '--config', config, '--email', sims.admin.email];
    return runCli([...args, '--password-stdin', '--allow-key-file', '--state-dir', stateDir], {
      input: `${lines.join('\n')}\n`,
      env: noKeychain,
    });
  };
  const bindings = () => sims.mimecast.bindingsFor(sims.admin.email);
  return {sims, stateDir, bind, bindings};
}

describe('bind --non-interactive retried with a wrong application key', () => {
  it('leaves one binding after ten failures; the right key then binds with it', async () => {
    const site = await newSite();

    for (let attempt = 1; attempt <= 10; attempt += 1) {
      const run = await site.bind(wrongAppKey);
      assert.equal(run.code, exitCodes.credentials, run.stdout + run.stderr);
      assert.match(run.stdout, /err_xdk_signature_invalid/);
      const words =
        attempt === 1
          ? new RegExp(
              'signed with the same application key\\), so the binding this login created ' +
                'was left at Mimecast; the next bind from this state directory reuses it',
            )
          : /No binding was added: this bind named the one an earlier failed bind left/;
      assert.match(run.stdout, words);
    }
    assert.equal(site.bindings().length, 1);
    const [left] = site.bindings();

    const fixed = await site.bind(site.sims.secrets.appKey);

    assert.equal(fixed.code, 0, fixed.stdout + fixed.stderr);
    assert.match(fixed.stdout, /reusing the binding a failed bind left/);
    assert.deepEqual(
      site.bindings().map((view) => view.accessKey),
      [left?.accessKey],
    );
    assert.deepEqual((await readdir(site.stateDir)).sort(), ['binding.enc', 'binding.key']);
  });

  it('keeps the left binding encrypted: no key of it, nor the secrets, in plain text', async () => {
    const site = await newSite();

    const run = await site.bind(wrongAppKey);

    assert.equal(run.code, exitCodes.credentials);
    const [left] = site.bindings();
    assert.ok(left, 'the failed bind left no binding to look for');
    const file = await readFile(join(site.stateDir, 'binding-pending.enc'));
    assert.equal(file.subarray(0, 8).toString('ascii'), 'MSE-BIND');
    const values = [left.accessKey, wrongAppKey, site.sims.admin.password];
    for (const value of values) {
      assert.equal(file.includes(Buffer.from(value)), false, 'a value is in plain text');
      assert.equal(file.includes(Buffer.from(value).toString('base64')), false);
    }
    for (const value of values) assert.ok(!(run.stdout + run.stderr).includes(value));
  });
});
