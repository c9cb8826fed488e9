import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, test} from 'node:test';

import {BindError} from '../../src/bind/errors.js';
import {readSettingsFile, writeSettingsFile} from '../../src/bind/settings-file.js';
import {emptySettings} from '../../src/bind/settings.js';

let dir: string;
let count = 0;
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mse-bind-settings-file-'));
});
after(async () => {
  await rm(dir, {recursive: true, force: true});
});

/** The detail after "is not valid: " for a file holding `text`. */
async function problemWith(text: string): Promise<string> {
  const file = join(dir, `site-${count++}.json`);
  await writeFile(file, text);
  const error = await readSettingsFile(file).then(
    () => assert.fail(`${text} was accepted`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, String(error));
  assert.equal(error.errorClass, 'input');
  const prefix = `The settings file ${file} is not valid: `;
  assert.ok(error.message.startsWith(prefix), error.message);
  return error.message.slice(prefix.length);
}

test('every message names what is wrong: the top level, or the setting by its path', async () => {
  assert.equal(await problemWith('[]'), 'the top level must be an object ({...}), not an array.');
  assert.equal(await problemWith('null'), 'the top level must be an object ({...}), not null.');
  assert.equal(
    await problemWith('{"directory": []}'),
    '"directory" must be an object ({...}), not an array.',
  );
  assert.equal(
    await problemWith('{"directory": {"port": "389"}}'),
    '"directory.port" must be a number, not a string.',
  );
  assert.equal(await problemWith('{"siteName": null}'), '"siteName" must be a string, not null.');
  assert.equal(await problemWith('"\\u001b[2J"'), 'the top level contains a control character.');
  for (const text of ['[]', '{"directory": []}', '"\\u001b"']) {
    assert.doesNotMatch(await problemWith(text), /^ |\. must|""|: {2}/, text);
  }
});

test('a choice off its list and a port out of range are blamed on the file', async () => {
  assert.equal(
    await problemWith('{"directory": {"tlsMode": "ssl"}}'),
    '"directory.tlsMode" must be one of ldaps, starttls, none, not "ssl".',
  );
  assert.equal(
    await problemWith('{"exchange": {"authScheme": "kerberos"}}'),
    '"exchange.authScheme" must be one of basic, ntlm, auto, oauth, not "kerberos".',
  );
  assert.equal(
    await problemWith('{"directory": {"port": 389.5}}'),
    '"directory.port" must be a whole number from 1 to 65535, not 389.5.',
  );
});

test('text that is not JSON is located, never quoted', async () => {
  const pasted = 'Pasted-Secret-1';
  const detail = await problemWith(`{"siteName": ${pasted}}`);
  assert.doesNotMatch(detail, new RegExp(pasted));
  assert.match(detail, /^it is not JSON/);
  assert.equal(
    await problemWith('{\n  "siteName": "x",\n}'),
    'it is not JSON: the text at line 3, column 1 is unexpected.',
  );
  assert.equal(await problemWith('  \n'), 'it is empty; it must hold a JSON object ({...}).');
});

test('a file it wrote reads back unchanged', async () => {
  const file = join(dir, 'written.json');
  const settings = {...emptySettings(), siteName: 'Head office'};
  await writeSettingsFile(file, settings);
  assert.deepEqual(await readSettingsFile(file), settings);
});
