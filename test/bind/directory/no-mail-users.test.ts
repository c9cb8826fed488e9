import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {noMailUsersError} from '../../../src/bind/directory/no-mail-users.js';
import type {ServerKind} from '../../../src/bind/directory/root-dse.js';
import type {DirectorySettings} from '../../../src/bind/settings.js';

const settings: DirectorySettings = {
  type: 'active-directory',
  host: 'dc1.corp.example',
  port: 636,
  tlsMode: 'ldaps',
  baseDn: 'OU=Service Accounts,DC=corp,DC=example',
  bindName: 'svc-mse@corp.example',
};
const ad: ServerKind = {name: 'Active Directory', dialect: 'active-directory'};
const unnamed: ServerKind = {name: 'LDAP server', dialect: undefined};
const base = settings.baseDn;

describe('noMailUsersError', () => {
  it('names the container when users sit right under the scope searched', () => {
    const scope = 'DC=corp,DC=example';
    const error = noMailUsersError(
      settings,
      base,
      ad,
      {kind: 'users-elsewhere', scope, container: scope},
      scope,
    );
    assert.equal(error.errorClass, 'not-found');
    assert.equal(
      error.fix,
      'Set the base DN to the part of the directory that holds the users: DC=corp,DC=example.',
    );
  });

  it('says so when the account sees nothing at all below the base DN, and stays open', () => {
    const error = noMailUsersError(
      settings,
      base,
      ad,
      {kind: 'unknown', seesEntries: false},
      undefined,
    );
    assert.equal(error.errorClass, 'permission');
    assert.match(error.message, /Either the base DN holds none, or the account may not see them/);
    assert.ok(error.message.endsWith(` It sees no entry directly below ${base} at all.`));
    assert.equal(
      error.fix,
      'Check the base DN first: set it to the part of the directory that holds the users. If ' +
        'the users are there, give the service account read access to users and their mail ' +
        `attribute under ${base}.`,
    );
    assert.equal(error.setting, 'baseDn');
  });

  it('offers an empty base DN in the open case only when the rootDSE named one', () => {
    const open = {kind: 'unknown', seesEntries: true} as const;
    const named = noMailUsersError(settings, base, ad, open, 'DC=corp,DC=example');
    assert.match(
      named.fix,
      /holds the users, or leave it empty to use the naming context the server names, DC=corp,DC=example\. If/,
    );
    const none = noMailUsersError(settings, base, ad, open, undefined);
    assert.doesNotMatch(none.fix, /leave it empty/);
  });

  it('puts the directory type first only while the cause is open', () => {
    const open = noMailUsersError(
      settings,
      base,
      unnamed,
      {kind: 'unknown', seesEntries: true},
      undefined,
    );
    assert.equal(open.setting, 'directoryType');
    assert.match(
      open.fix,
      /^If the server is not Active Directory, choose its directory type\. If it is, check the base DN first/,
    );
    // Whether entries are hidden does not depend on the filter, so the type is not in question.
    const hidden = noMailUsersError(settings, base, unnamed, {kind: 'hidden-entries'}, undefined);
    assert.equal(hidden.errorClass, 'permission');
    assert.doesNotMatch(hidden.fix, /directory type/);
  });
});
