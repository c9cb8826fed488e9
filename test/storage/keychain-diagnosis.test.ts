import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  describeKeychainFailure,
  keychainFix,
  keytarMissingFix,
} from '../../src/storage/keychain-diagnosis.js';

// The exact texts keytar 7.9.0 gives on Linux, from real-services.md §3.
const linuxFailures: ReadonlyArray<readonly [string, RegExp]> = [
  ['Cannot autolaunch D-Bus without X11 $DISPLAY', /no D-Bus session/],
  ['Could not connect: No such file or directory', /cannot be reached/],
  [
    'The name org.freedesktop.secrets was not provided by any .service files',
    /no Secret Service .*is running/,
  ],
  ['Cannot create an item in a locked collection', /keyring is locked/],
  [
    'Object does not exist at path “/org/freedesktop/secrets/collection/login”',
    /does not exist or is not unlocked/,
  ],
];

for (const [text, reason] of linuxFailures) {
  test(`Linux: "${text.slice(0, 40)}…" becomes a plain reason`, () => {
    assert.match(describeKeychainFailure(new Error(text), 'linux'), reason);
  });
}

test('an unknown failure keeps the library text, on one short line', () => {
  const reason = describeKeychainFailure(new Error(`odd failure\n${'x'.repeat(400)}`), 'win32');
  assert.equal(reason, 'the keychain reported: odd failure');
  const long = describeKeychainFailure(new Error('y'.repeat(400)), 'darwin');
  assert.ok(long.length < 200);
});

test('each platform gets its own fix', () => {
  assert.match(keychainFix('linux'), /D-Bus session.*gnome-keyring.*unlocked.*libsecret/);
  assert.match(keychainFix('win32'), /Credential Manager normally works/);
  assert.match(keychainFix('darwin'), /login keychain/);
  assert.match(keychainFix('freebsd'), /Linux .*Windows .*macOS/);
});

test('a missing keytar asks for the optional dependency (and libsecret on Linux)', () => {
  assert.match(keytarMissingFix('linux'), /optional dependencies.*libsecret-1-dev/);
  assert.match(keytarMissingFix('win32'), /optional dependencies/);
  assert.doesNotMatch(keytarMissingFix('win32'), /libsecret/);
});
