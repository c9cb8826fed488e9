import assert from 'node:assert/strict';
import {test} from 'node:test';
import {BindError} from '../../../src/bind/errors.js';
import {pickRealm} from '../../../src/bind/mimecast/pick-realm.js';

test('a cloud password is preferred when both are offered, in either wording', () => {
  assert.equal(pickRealm(['Basic-AD', 'Basic-Cloud'], 'a@b.example'), 'Basic-Cloud');
  assert.equal(pickRealm(['domain', 'cloud'], 'a@b.example'), 'Basic-Cloud');
});

test('a domain password is used when it is the only one', () => {
  assert.equal(pickRealm(['Basic-AD'], 'a@b.example'), 'Basic-AD');
  assert.equal(pickRealm(['domain'], 'a@b.example'), 'Basic-AD');
});

test('an empty or missing list falls back to a cloud password', () => {
  assert.equal(pickRealm([], 'a@b.example'), 'Basic-Cloud');
  assert.equal(pickRealm(undefined, 'a@b.example'), 'Basic-Cloud');
});

test('only sign-in methods a binding cannot use is an auth-scheme failure naming them', () => {
  assert.throws(
    () => pickRealm(['saml'], 'a@b.example'),
    (error) =>
      error instanceof BindError &&
      error.errorClass === 'auth-scheme' &&
      error.message.includes('saml'),
  );
});
