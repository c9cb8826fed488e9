import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  baseDnFrom,
  hasContent,
  offersPaging,
  parseRootDse,
  serverKindOf,
} from '../../../src/bind/directory/root-dse.js';

describe('serverKindOf', () => {
  it('recognises Active Directory by its capability OID', () => {
    const rootDse = parseRootDse({
      dn: '',
      supportedCapabilities: ['1.2.840.113556.1.4.800', '1.2.840.113556.1.4.1670'],
      defaultNamingContext: 'DC=corp,DC=example',
    });
    assert.deepEqual(serverKindOf(rootDse), {
      name: 'Active Directory',
      dialect: 'active-directory',
    });
  });

  it('gives the DC functional level as the version, and names Samba', () => {
    const rootDse = parseRootDse({
      dn: '',
      supportedCapabilities: '1.2.840.113556.1.4.800',
      domainControllerFunctionality: '7',
    });
    assert.deepEqual(serverKindOf(rootDse), {
      name: 'Active Directory',
      dialect: 'active-directory',
      version: 'DC functional level 2016',
    });
    const samba = parseRootDse({
      dn: '',
      supportedCapabilities: '1.2.840.113556.1.4.800',
      vendorName: 'Samba Team (https://www.samba.org)',
      domainControllerFunctionality: '42',
    });
    assert.deepEqual(serverKindOf(samba), {
      name: 'Active Directory (Samba)',
      dialect: 'active-directory',
      version: 'DC functional level 42',
    });
  });

  it('recognises Domino by dominoMajMinVersion', () => {
    const rootDse = parseRootDse({dn: '', dominoMajMinVersion: '1201', vendorName: 'HCL'});
    assert.deepEqual(serverKindOf(rootDse), {
      name: 'HCL Domino',
      dialect: 'domino',
      version: 'version 1201',
    });
  });

  it('recognises OpenLDAP by its rootDSE object class, whatever its case', () => {
    const rootDse = parseRootDse({dn: '', objectclass: ['top', 'OpenLDAProotDSE']});
    assert.deepEqual(serverKindOf(rootDse), {name: 'OpenLDAP', dialect: 'ldap'});
  });

  it('falls back to the vendor name, then to a plain label, with no dialect', () => {
    const vendor = parseRootDse({dn: '', vendorName: '389 Project', vendorVersion: '2.3'});
    assert.deepEqual(serverKindOf(vendor), {
      name: '389 Project',
      dialect: undefined,
      version: '2.3',
    });
    assert.deepEqual(serverKindOf(parseRootDse({dn: ''})), {
      name: 'LDAP server',
      dialect: undefined,
    });
  });
});

describe('baseDnFrom', () => {
  it('prefers defaultNamingContext over the first naming context', () => {
    const rootDse = parseRootDse({
      dn: '',
      namingContexts: ['CN=Configuration,DC=corp,DC=example', 'DC=corp,DC=example'],
      defaultNamingContext: 'DC=corp,DC=example',
    });
    assert.equal(baseDnFrom(rootDse), 'DC=corp,DC=example');
  });

  it('takes the first naming context, or nothing', () => {
    assert.equal(baseDnFrom(parseRootDse({dn: '', namingContexts: 'o=Acme'})), 'o=Acme');
    assert.equal(baseDnFrom(parseRootDse({dn: '', namingContexts: ''})), undefined);
    assert.equal(baseDnFrom(parseRootDse({dn: ''})), undefined);
  });

  it('searches a Domino directory from the root when it names no context', () => {
    assert.equal(baseDnFrom(parseRootDse({dn: ''}), 'domino'), '');
    assert.equal(baseDnFrom(parseRootDse({dn: '', namingContexts: 'O=Acme'}), 'domino'), 'O=Acme');
    assert.equal(baseDnFrom(parseRootDse({dn: ''}), 'ldap'), undefined);
  });
});

describe('offersPaging', () => {
  it('reads the paged results control from supportedControl', () => {
    const paging = parseRootDse({dn: '', supportedControl: ['1.2.840.113556.1.4.319']});
    assert.equal(offersPaging(paging), true);
    assert.equal(
      offersPaging(parseRootDse({dn: '', supportedControl: '2.16.840.1.113730.3.4.9'})),
      false,
    );
  });
});

describe('hasContent', () => {
  it('tells a hidden rootDSE from a shown one', () => {
    assert.equal(hasContent(parseRootDse({dn: ''})), false);
    assert.equal(hasContent(parseRootDse({dn: '', namingContexts: 'o=Acme'})), true);
  });
});
