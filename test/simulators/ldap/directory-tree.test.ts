import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  inScope,
  normalizeDn,
  selectAttributes,
} from '../../../src/simulators/ldap/directory-tree.js';

describe('normalizeDn', () => {
  it('lower-cases and drops blanks around separators', () => {
    assert.equal(
      normalizeDn('CN=Svc MSE, OU = Services,DC=Contoso'),
      'cn=svc mse,ou=services,dc=contoso',
    );
    assert.equal(normalizeDn(''), '');
  });
});

describe('inScope', () => {
  const base = 'dc=contoso,dc=example';
  const person = 'uid=alice,ou=people,dc=contoso,dc=example';
  const unit = 'ou=people,dc=contoso,dc=example';

  it('follows base, one-level and subtree scopes', () => {
    assert.equal(inScope(base, base, 'base'), true);
    assert.equal(inScope(unit, base, 'base'), false);
    assert.equal(inScope(unit, base, 'single'), true);
    assert.equal(inScope(person, base, 'single'), false);
    assert.equal(inScope(base, base, 'single'), false);
    assert.equal(inScope(person, base, 'subtree'), true);
    assert.equal(inScope(base, base, 'subtree'), true);
    assert.equal(inScope('dc=examples', 'dc=example', 'subtree'), false);
  });
});

describe('selectAttributes', () => {
  const attributes = {cn: 'Alice', mail: 'alice@contoso.example', userPassword: 'never'};

  it('returns what was asked for, everything for * or nothing listed, nothing for 1.1', () => {
    assert.deepEqual(selectAttributes(attributes, ['MAIL']), {mail: 'alice@contoso.example'});
    assert.deepEqual(selectAttributes(attributes, []), {
      cn: 'Alice',
      mail: 'alice@contoso.example',
    });
    assert.deepEqual(selectAttributes(attributes, ['*']), {
      cn: 'Alice',
      mail: 'alice@contoso.example',
    });
    assert.deepEqual(selectAttributes(attributes, ['1.1']), {});
  });

  it('never hands out a password', () => {
    assert.deepEqual(selectAttributes(attributes, ['userPassword']), {});
  });
});
