import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import type {Entry} from 'ldapts';

import {bindNameFormProblem} from '../../../src/bind/directory/input-checks.js';
import {parseRootDse, serverKindOf} from '../../../src/bind/directory/root-dse.js';
import {typeLabel, typeMismatch} from '../../../src/bind/directory/type-match.js';
import {BindError} from '../../../src/bind/errors.js';
import type {DirectorySettings, DirectoryType} from '../../../src/bind/settings.js';

/** rootDSEs as each product shows them (attributes as mse-bind asks for them). */
const rootDses = {
  'Windows AD': {
    dn: '',
    supportedCapabilities: ['1.2.840.113556.1.4.800', '1.2.840.113556.1.4.1670'],
    defaultNamingContext: 'DC=corp,DC=example',
    namingContexts: ['DC=corp,DC=example', 'CN=Configuration,DC=corp,DC=example'],
    domainControllerFunctionality: '7',
  },
  'Samba AD': {
    dn: '',
    supportedCapabilities: '1.2.840.113556.1.4.800',
    defaultNamingContext: 'DC=corp,DC=example',
    vendorName: 'Samba Team (https://www.samba.org)',
  },
  'AD by functional level only': {dn: '', domainControllerFunctionality: '10'},
  OpenLDAP: {
    dn: '',
    objectClass: ['top', 'OpenLDAProotDSE'],
    namingContexts: 'dc=contoso,dc=example',
    supportedControl: '1.2.840.113556.1.4.319',
  },
  Domino: {dn: '', objectClass: 'top', dominoMajMinVersion: '12002'},
  'Domino by vendor name': {dn: '', vendorName: 'IBM Lotus Software', vendorVersion: '9.0'},
  '389 Directory Server': {dn: '', vendorName: '389 Project', namingContexts: 'dc=example'},
  'naming context only': {dn: '', namingContexts: 'o=Acme'},
  'hidden (no entry)': {dn: ''},
} satisfies Record<string, Entry>;

type Outcome = 'accept' | DirectoryType;

/** Per rootDSE and type chosen: accepted, or refused naming the type to choose. */
const expected: Readonly<Record<keyof typeof rootDses, Readonly<Record<DirectoryType, Outcome>>>> =
  {
    'Windows AD': {
      'active-directory': 'accept',
      ldap: 'active-directory',
      domino: 'active-directory',
    },
    'Samba AD': {
      'active-directory': 'accept',
      ldap: 'active-directory',
      domino: 'active-directory',
    },
    'AD by functional level only': {
      'active-directory': 'accept',
      ldap: 'active-directory',
      domino: 'active-directory',
    },
    OpenLDAP: {'active-directory': 'ldap', ldap: 'accept', domino: 'ldap'},
    Domino: {'active-directory': 'domino', ldap: 'domino', domino: 'accept'},
    'Domino by vendor name': {'active-directory': 'domino', ldap: 'domino', domino: 'accept'},
    '389 Directory Server': {'active-directory': 'accept', ldap: 'accept', domino: 'accept'},
    'naming context only': {'active-directory': 'accept', ldap: 'accept', domino: 'accept'},
    'hidden (no entry)': {'active-directory': 'accept', ldap: 'accept', domino: 'accept'},
  };

const types: readonly DirectoryType[] = ['active-directory', 'ldap', 'domino'];

function settings(type: DirectoryType, bindName = 'cn=svc-mse,dc=example'): DirectorySettings {
  return {type, host: 'dir1.example', port: 389, tlsMode: 'none', baseDn: '', bindName};
}

describe('typeMismatch: the directory type chosen against the rootDSE', () => {
  for (const [server, entry] of Object.entries(rootDses)) {
    for (const type of types) {
      const outcome = expected[server as keyof typeof rootDses][type];
      const title =
        outcome === 'accept'
          ? `accepts ${type} for ${server}`
          : `refuses ${type} for ${server}, naming ${outcome}`;
      it(title, () => {
        const kind = serverKindOf(parseRootDse(entry));
        const error = typeMismatch(settings(type), kind);
        if (outcome === 'accept') {
          assert.equal(error, undefined, error?.message);
          return;
        }
        assert.ok(error instanceof BindError);
        assert.equal(error.errorClass, 'input');
        assert.equal(error.setting, 'directoryType');
        assert.equal(
          error.message,
          `dir1.example:389 says it is ${kind.name}, but the directory type chosen is ` +
            `${typeLabel(type)}.`,
        );
        assert.equal(
          error.fix,
          `Choose ${typeLabel(outcome)} as the directory type. If the site's directory is ` +
            `${typeLabel(type)}, correct the directory server instead.`,
        );
      });
    }
  }

  it('names the types as the settings form does', () => {
    assert.deepEqual(types.map(typeLabel), [
      'Active Directory',
      'LDAP (OpenLDAP)',
      'HCL Domino LDAP',
    ]);
  });
});

describe('typeMismatch and the bind-name check agree', () => {
  const names = [
    'cn=svc-mse,ou=services,dc=example',
    'svc-mse@corp.example',
    'CORP\\svc-mse',
    'svc-mse',
  ];
  const servers: readonly (keyof typeof rootDses)[] = ['Windows AD', 'OpenLDAP', 'Domino'];

  it('asks for another name exactly when the type to choose would refuse the one given', () => {
    for (const server of servers) {
      const kind = serverKindOf(parseRootDse(rootDses[server]));
      const found = kind.dialect;
      assert.ok(found !== undefined);
      for (const type of types.filter((candidate) => candidate !== found)) {
        for (const name of names) {
          const fix = typeMismatch(settings(type, name), kind)?.fix ?? '';
          const refused: boolean = bindNameFormProblem(found, name) !== undefined;
          assert.equal(
            fix.includes(' and enter the service account as '),
            refused,
            `${type} chosen for ${server}, name ${name}: ${fix}`,
          );
        }
      }
    }
  });

  it('says which name form the server takes', () => {
    const openLdap = serverKindOf(parseRootDse(rootDses.OpenLDAP));
    const toOpenLdap = typeMismatch(settings('active-directory', 'svc-mse@corp.example'), openLdap);
    assert.equal(
      toOpenLdap?.fix,
      'Choose LDAP (OpenLDAP) as the directory type and enter the service account as its full ' +
        "DN (cn=...,ou=...,dc=...). If the site's directory is Active Directory, correct the " +
        'directory server instead.',
    );
    const ad = serverKindOf(parseRootDse(rootDses['Windows AD']));
    assert.equal(
      typeMismatch(settings('domino', 'svc-mse'), ad)?.fix,
      'Choose Active Directory as the directory type and enter the service account as ' +
        "user@domain, DOMAIN\\user or its DN. If the site's directory is HCL Domino LDAP, " +
        'correct the directory server instead.',
    );
  });
});
