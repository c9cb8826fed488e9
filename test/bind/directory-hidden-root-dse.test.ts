/**
 * Step 3 against a real slapd that hides its rootDSE: from anonymous reads only (the check reads
 * it again once bound), or from everyone (the check cannot tell what the server is). A directory
 * type the server contradicts is still caught where the server gives itself away, and a server
 * that never does is not refused for it.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {validateDirectory} from '../../src/bind/directory.js';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../helpers/slapd.js';

const neverAborted = new AbortController().signal;

function settingsFor(slapd: Slapd, overrides: Partial<DirectorySettings>): DirectorySettings {
  return {
    type: 'ldap',
    host: '127.0.0.1',
    port: slapd.port,
    tlsMode: 'none',
    baseDn: '',
    bindName: slapd.svcDn,
    ...overrides,
  };
}

async function failure(
  slapd: Slapd,
  overrides: Partial<DirectorySettings>,
  errorClass: ErrorClass,
) {
  const error = await validateDirectory(settingsFor(slapd, overrides), slapd.svcPassword, {
    signal: neverAborted,
  }).then(
    () => assert.fail(`expected a ${errorClass} failure`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, String(error));
  assert.equal(error.errorClass, errorClass, `${error.message} / ${error.fix}`);
  return error;
}

describe('a slapd that shows its rootDSE to bound users only', {skip: skipWithoutSlapd()}, () => {
  let slapd: Slapd;
  before(async () => {
    slapd = await startSlapd({rootDseReaders: 'users'});
  });
  after(async () => {
    await slapd?.stop();
  });

  it('refuses Active Directory once the bound read names OpenLDAP', async () => {
    const error = await failure(slapd, {type: 'active-directory'}, 'input');
    assert.equal(
      error.message,
      `127.0.0.1:${slapd.port} says it is OpenLDAP, but the directory type chosen is ` +
        'Active Directory.',
    );
    assert.equal(error.setting, 'directoryType');
  });

  it('reads a UPN refused as no DN as a sign that the server is not AD', async () => {
    const error = await failure(
      slapd,
      {type: 'active-directory', bindName: 'svc-mse@contoso.example'},
      'input',
    );
    assert.equal(
      error.message,
      'The directory server refuses the service account name svc-mse@contoso.example as not a ' +
        'DN (result 34, invalidDNSyntax); Active Directory takes that form, so the server is ' +
        'not Active Directory.',
    );
    assert.equal(
      error.fix,
      "Choose the server's directory type and enter the service account's full DN. If the " +
        "site's directory is Active Directory, correct the directory server instead.",
    );
    assert.equal(error.setting, 'directoryType');
  });

  it('offers to leave a missing base DN empty, naming the context read once bound', async () => {
    const error = await failure(slapd, {baseDn: `ou=nowhere,${slapd.baseDn}`}, 'not-found');
    assert.equal(
      error.fix,
      `Correct the base DN, or leave it empty to use the naming context the server names, ` +
        `${slapd.baseDn}.`,
    );
  });

  it('passes with the type that fits, naming OpenLDAP', async () => {
    const result = await validateDirectory(settingsFor(slapd, {}), slapd.svcPassword, {
      signal: neverAborted,
    });
    assert.equal(result.fact, `3 mail-enabled users - base ${slapd.baseDn} - OpenLDAP`);
  });
});

describe('a slapd that shows its rootDSE to nobody', {skip: skipWithoutSlapd()}, () => {
  let slapd: Slapd;
  before(async () => {
    slapd = await startSlapd({rootDseReaders: 'nobody'});
  });
  after(async () => {
    await slapd?.stop();
  });

  it('does not refuse Active Directory, but points at the type when nobody is found', async () => {
    const error = await failure(
      slapd,
      {type: 'active-directory', baseDn: slapd.baseDn},
      'permission',
    );
    assert.match(error.message, /finds no mail-enabled users under dc=contoso,dc=example/);
    assert.ok(
      error.message.endsWith(
        ' Its rootDSE does not show which kind of directory it is, so the search used the ' +
          'filter of the directory type chosen, Active Directory.',
      ),
      error.message,
    );
    assert.match(error.fix, /^If the server is not Active Directory, choose its directory type\. /);
    assert.match(error.fix, /If it is, check the base DN first/);
    assert.match(error.fix, /If the users are there, give the service account read access/);
    assert.equal(error.setting, 'directoryType');
  });

  it('never offers to leave a base DN empty, which fails there for want of a naming context', async () => {
    const missing = await failure(slapd, {baseDn: `ou=nowhere,${slapd.baseDn}`}, 'not-found');
    assert.match(missing.message, /does not exist .*\(result 32, noSuchObject\)/);
    assert.equal(missing.fix, 'Correct the base DN.');
    const referred = await failure(slapd, {baseDn: 'dc=nowhere,dc=example'}, 'not-found');
    assert.match(referred.message, /\(result 10, referral/);
    assert.equal(
      referred.fix,
      'Use a base DN this server holds, or point at the server that holds it.',
    );
    // What the advice would have led to.
    const empty = await failure(slapd, {baseDn: ''}, 'not-found');
    assert.match(empty.message, /does not name one/);
  });

  it('passes generic LDAP with the base DN given', async () => {
    const result = await validateDirectory(
      settingsFor(slapd, {baseDn: slapd.baseDn}),
      slapd.svcPassword,
      {signal: neverAborted},
    );
    assert.equal(result.fact, `3 mail-enabled users - base ${slapd.baseDn} - LDAP server`);
  });
});
