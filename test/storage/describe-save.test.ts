import assert from 'node:assert/strict';
import {test} from 'node:test';
import {describeSave} from '../../src/storage/describe-save.js';

test('a keychain save names the file and the keychain', () => {
  const fact = describeSave({keyLocation: 'keychain', dataFile: '/s/binding.enc', keyFile: null});
  assert.equal(fact, 'Encrypted in /s/binding.enc; data key in the OS keychain');
});

test('a key-file save names the key file and says it is weaker', () => {
  const fact = describeSave({
    keyLocation: 'key-file',
    dataFile: '/s/binding.enc',
    keyFile: '/s/binding.key',
  });
  assert.equal(fact, 'Encrypted in /s/binding.enc; data key in /s/binding.key (weaker)');
});
