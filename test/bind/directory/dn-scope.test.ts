import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {enclosingScope, isBelow, parentDn} from '../../../src/bind/directory/dn-scope.js';
import {emptyRootDse, type RootDse} from '../../../src/bind/directory/root-dse.js';

function rootDseNaming(...namingContexts: string[]): RootDse {
  return {...emptyRootDse, namingContexts};
}

describe('isBelow and parentDn', () => {
  it('compares RDNs without case or blanks, strictly below only', () => {
    assert.equal(isBelow('OU=Services, DC=Corp,DC=Example', 'dc=corp,dc=example'), true);
    assert.equal(isBelow('dc=corp,dc=example', 'dc=corp,dc=example'), false);
    assert.equal(isBelow('ou=services,dc=other,dc=example', 'dc=corp,dc=example'), false);
    assert.equal(isBelow('ou=services,dc=corp,dc=example', ''), false);
  });

  it('keeps an escaped comma inside its RDN', () => {
    assert.equal(parentDn('cn=Doe\\, Jane,ou=people,dc=corp'), 'ou=people,dc=corp');
    assert.equal(isBelow('cn=a,ou=x\\,y,dc=corp', 'ou=x\\,y,dc=corp'), true);
    assert.equal(parentDn('dc=corp'), '');
  });
});

describe('enclosingScope', () => {
  it("takes the deepest naming context above the base DN, AD's default one included", () => {
    const rootDse = {
      ...rootDseNaming('DC=corp,DC=example', 'CN=Configuration,DC=corp,DC=example'),
      defaultNamingContext: 'DC=corp,DC=example',
    };
    assert.equal(enclosingScope('OU=Services,DC=corp,DC=example', rootDse), 'DC=corp,DC=example');
    assert.equal(
      enclosingScope('CN=Sites,CN=Configuration,DC=corp,DC=example', rootDse),
      'CN=Configuration,DC=corp,DC=example',
    );
  });

  it("falls back to the base DN's domain components when the rootDSE names no context above", () => {
    assert.equal(enclosingScope('ou=a,ou=b,dc=corp,dc=example', undefined), 'dc=corp,dc=example');
    assert.equal(enclosingScope('ou=a,o=corp', rootDseNaming('o=other')), undefined);
  });

  it('finds nothing above a naming context itself or the root', () => {
    assert.equal(
      enclosingScope('dc=corp,dc=example', rootDseNaming('dc=corp,dc=example')),
      undefined,
    );
    assert.equal(enclosingScope('', rootDseNaming('dc=corp,dc=example')), undefined);
  });
});
