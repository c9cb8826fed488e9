/**
 * Step 3 against a directory that presents itself as HCL Domino: a rootDSE with
 * dominoMajMinVersion and no naming context. The check must recognise it, search from the root
 * with Domino's filter and say what it found, and refuse another directory type before binding.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {validateDirectory} from '../../src/bind/directory.js';
import {BindError} from '../../src/bind/errors.js';
import {mailUserFilter} from '../../src/bind/directory/search-proof.js';
import type {DirectorySettings, DirectoryType} from '../../src/bind/settings.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {
  startLdapSimulator,
  type LdapSimulator,
  type SearchSeen,
} from '../../src/simulators/ldap/server.js';

const neverAborted = new AbortController().signal;
const {password} = demoFixture.directory;

describe('validateDirectory against a Domino-shaped directory', () => {
  const searches: SearchSeen[] = [];
  const binds: string[] = [];
  let simulator: LdapSimulator;
  let settingsFor: (type: DirectoryType, baseDn?: string) => DirectorySettings;
  before(async () => {
    simulator = await startLdapSimulator({
      flavor: 'domino',
      onSearch: (seen) => searches.push(seen),
      onBind: (dn) => binds.push(dn),
    });
    settingsFor = (type, baseDn = '') => ({
      type,
      host: '127.0.0.1',
      port: Number(new URL(simulator.url).port),
      tlsMode: 'none',
      baseDn,
      bindName: simulator.bindName,
    });
  });
  after(async () => {
    await simulator.close();
  });

  it('searches from the root with the Domino filter when no context is named', async () => {
    searches.length = 0;
    const result = await validateDirectory(settingsFor('domino'), password, {
      signal: neverAborted,
    });
    assert.deepEqual(result, {
      fact: '3 mail-enabled users - base (root) - HCL Domino version 12002',
      baseDn: '',
      serverType: 'HCL Domino',
      serverVersion: 'version 12002',
      mailUsers: 3,
      paged: false,
    });
    assert.ok(searches.length > 0);
    for (const search of searches) {
      assert.equal(search.base, '');
      assert.equal(search.scope, 'subtree');
      assert.equal(search.filter.toLowerCase(), mailUserFilter('domino').toLowerCase());
    }
  });

  it('refuses Active Directory and generic LDAP before binding, naming Domino', async () => {
    const port = new URL(simulator.url).port;
    for (const type of ['active-directory', 'ldap'] as const) {
      searches.length = 0;
      binds.length = 0;
      const error = await validateDirectory(settingsFor(type), password, {
        signal: neverAborted,
      }).then(
        () => assert.fail(`${type} was accepted for a Domino server`),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof BindError, String(error));
      assert.equal(error.errorClass, 'input');
      assert.equal(error.setting, 'directoryType');
      assert.equal(
        error.message,
        `127.0.0.1:${port} says it is HCL Domino, but the directory type chosen is ` +
          `${type === 'ldap' ? 'LDAP (OpenLDAP)' : 'Active Directory'}.`,
      );
      assert.match(error.fix, /^Choose HCL Domino LDAP as the directory type\. If the site's/);
      assert.deepEqual(binds, [], 'no bind was tried');
      assert.deepEqual(searches, [], 'no user search was made');
    }
  });

  it('searches under the organisation when it is given as the base DN', async () => {
    searches.length = 0;
    const result = await validateDirectory(settingsFor('domino', simulator.baseDn), password, {
      signal: neverAborted,
    });
    assert.equal(
      result.fact,
      `3 mail-enabled users - base ${simulator.baseDn} - HCL Domino version 12002`,
    );
    assert.equal(searches[0]?.base, simulator.baseDn);
  });
});
