import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {test} from 'node:test';
import {BindError} from '../../src/bind/errors.js';
import {openEnvelope, readEnvelopeHeader, sealEnvelope} from '../../src/storage/crypto.js';

const path = '/state/binding.enc';
const key = randomBytes(32);
const plaintext = Buffer.from(JSON.stringify({password: 'Demo-Directory-2026!', n: 1}));

/** Offsets of the file's regions, as documented in crypto.ts. */
const regions = {magic: 0, version: 8, keyLocation: 9, length: 10, iv: 14, tag: 26, body: 42};

function storageError(pattern: RegExp) {
  return (error: unknown) => {
    assert.ok(error instanceof BindError, `expected a BindError, got ${String(error)}`);
    assert.equal(error.errorClass, 'storage');
    assert.match(error.message, pattern);
    assert.match(error.fix, /left as it is/);
    return true;
  };
}

test('a sealed file opens with its key and records where the key lives', () => {
  const file = sealEnvelope(plaintext, key, 'keychain');

  assert.deepEqual(openEnvelope(file, key, path), plaintext);
  assert.equal(file.subarray(0, 8).toString('ascii'), 'MSE-BIND');
  assert.deepEqual(readEnvelopeHeader(file, path), {
    version: 1,
    keyLocation: 'keychain',
    length: plaintext.length,
  });
  assert.equal(
    readEnvelopeHeader(sealEnvelope(plaintext, key, 'key-file'), path).keyLocation,
    'key-file',
  );
  assert.equal(file.length, regions.body + plaintext.length);
});

test('the ciphertext holds nothing of the plaintext, and every file has its own IV', () => {
  const first = sealEnvelope(plaintext, key, 'keychain');
  const second = sealEnvelope(plaintext, key, 'keychain');

  assert.equal(first.includes(Buffer.from('Demo-Directory-2026!')), false);
  assert.equal(first.includes(Buffer.from('password')), false);
  assert.notDeepEqual(
    first.subarray(regions.iv, regions.tag),
    second.subarray(regions.iv, regions.tag),
  );
  assert.notDeepEqual(first.subarray(regions.body), second.subarray(regions.body));
});

for (const [region, offset] of Object.entries(regions)) {
  test(`a changed byte in the ${region} is reported as tampering`, () => {
    const file = sealEnvelope(plaintext, key, 'keychain');
    const tampered = Buffer.from(file);
    tampered[offset] = (tampered[offset] ?? 0) ^ 0x01;

    // A changed length field can also read as a cut-short file; both name what happened.
    assert.throws(() => openEnvelope(tampered, key, path), storageError(/tampered|truncated/));
  });
}

test('a changed ciphertext byte fails the integrity check by name', () => {
  const file = Buffer.from(sealEnvelope(plaintext, key, 'keychain'));
  file[file.length - 1] = (file[file.length - 1] ?? 0) ^ 0x80;
  assert.throws(() => openEnvelope(file, key, path), storageError(/integrity check.*tampered/));
});

test('a changed key-location byte fails the tag check (the header is authenticated)', () => {
  const file = Buffer.from(sealEnvelope(plaintext, key, 'keychain'));
  file[regions.keyLocation] = 2;
  assert.equal(readEnvelopeHeader(file, path).keyLocation, 'key-file');
  assert.throws(() => openEnvelope(file, key, path), storageError(/integrity check/));
});

test('another key is refused like tampering', () => {
  const file = sealEnvelope(plaintext, key, 'keychain');
  assert.throws(() => openEnvelope(file, randomBytes(32), path), storageError(/integrity check/));
});

test('a truncated file is reported as truncated, at any length', () => {
  const file = sealEnvelope(plaintext, key, 'keychain');
  for (const length of [0, 5, 8, 20, regions.body, file.length - 1]) {
    assert.throws(
      () => openEnvelope(file.subarray(0, length), key, path),
      storageError(new RegExp(`${path.replaceAll('.', '\\.')} is truncated \\(${length} `)),
      `length ${length}`,
    );
  }
});

test('bytes after the end are reported as tampering', () => {
  const file = Buffer.concat([sealEnvelope(plaintext, key, 'keychain'), Buffer.from([0])]);
  assert.throws(
    () => openEnvelope(file, key, path),
    storageError(/1 bytes after its end.*tampered/),
  );
});

test('another format version and a foreign file are named as such', () => {
  const file = Buffer.from(sealEnvelope(plaintext, key, 'keychain'));
  file[regions.version] = 9;
  assert.throws(() => openEnvelope(file, key, path), storageError(/format version 9/));

  const foreign = Buffer.from('{"schemaVersion":1, "this is": "plain JSON, not ours"}');
  assert.throws(() => openEnvelope(foreign, key, path), storageError(/not a binding file/));
});
