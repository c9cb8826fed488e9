/**
 * Step 3 against a real slapd when the search finds no mail-enabled users: a base DN that holds
 * none (an OU of service accounts, a leaf entry) is told from an account that may not see them,
 * with the rootDSE shown to anyone and to nobody; where the server does not show which, both are
 * said, the base DN first.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {validateDirectory} from '../../src/bind/directory.js';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../helpers/slapd.js';

const neverAborted = new AbortController().signal;
const filter = '(filter (&(objectClass=inetOrgPerson)(mail=*)))';

async function failure(
  slapd: Slapd,
  account: 'svc' | 'blind',
  baseDn: string,
  errorClass: ErrorClass,
): Promise<BindError> {
  const settings: DirectorySettings = {
    type: 'ldap',
    host: '127.0.0.1',
    port: slapd.port,
    tlsMode: 'none',
    baseDn,
    bindName: account === 'svc' ? slapd.svcDn : slapd.blindDn,
  };
  const password = account === 'svc' ? slapd.svcPassword : slapd.userPassword;
  const error = await validateDirectory(settings, password, {signal: neverAborted}).then(
    () => assert.fail(`expected a ${errorClass} failure`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, String(error));
  assert.equal(error.errorClass, errorClass, `${error.message} / ${error.fix}`);
  return error;
}

for (const readers of ['anyone', 'nobody'] as const) {
  describe(`no mail-enabled users, rootDSE shown to ${readers}`, {skip: skipWithoutSlapd()}, () => {
    let slapd: Slapd;
    before(async () => {
      slapd = await startSlapd({rootDseReaders: readers});
    });
    after(async () => {
      await slapd?.stop();
    });

    it('an OU of service accounts, for an account that reads everything: the base DN', async () => {
      // Without a naming context from the rootDSE, the base DN's domain components bound the
      // search above it.
      const services = `ou=services,${slapd.baseDn}`;
      const error = await failure(slapd, 'svc', services, 'not-found');
      assert.equal(
        error.message,
        `The base DN ${services} holds no mail-enabled users ${filter}: ${slapd.svcDn} finds ` +
          `none there, yet sees some elsewhere in ${slapd.baseDn}, e.g. under ` +
          `ou=people,${slapd.baseDn}.`,
      );
      assert.equal(
        error.fix,
        'Set the base DN to the part of the directory that holds the users: ' +
          `ou=people,${slapd.baseDn} (or ${slapd.baseDn}, all of it).`,
      );
      assert.equal(error.setting, 'baseDn');
    });

    it('an OU whose entries the account may not read: the account', async () => {
      const people = `ou=people,${slapd.baseDn}`;
      const error = await failure(slapd, 'blind', people, 'permission');
      assert.match(
        error.message,
        new RegExp(
          `^${slapd.blindDn} can bind to .*, but sees no entry under ${people}, though the ` +
            'server says it has entries below it \\(hasSubordinates\\): the account may not ' +
            'read them',
        ),
      );
      assert.equal(
        error.fix,
        `Give the service account read access to users and their mail attribute under ${people}.`,
      );
      assert.equal(error.setting, undefined);
    });

    it('an entry with nothing below it: the base DN', async () => {
      const error = await failure(slapd, 'blind', slapd.blindDn, 'not-found');
      assert.equal(
        error.message,
        `The base DN ${slapd.blindDn} has no entries below it (the server says ` +
          'hasSubordinates is FALSE), so it holds no mail-enabled users.',
      );
      assert.equal(
        error.fix,
        'Set the base DN to the part of the directory that holds the users' +
          (readers === 'anyone'
            ? `, or leave it empty to use the naming context the server names, ${slapd.baseDn}.`
            : '.'),
      );
      assert.equal(error.setting, 'baseDn');
    });

    it('an account that sees some entries but no users: both causes, base DN first', async () => {
      const error = await failure(slapd, 'blind', slapd.baseDn, 'permission');
      assert.match(
        error.message,
        new RegExp(
          `finds no mail-enabled users under ${slapd.baseDn} .*\\. Either the base DN holds ` +
            'none, or the account may not see them; the server does not show which\\.',
        ),
      );
      assert.doesNotMatch(error.message, /anonymous-like/);
      // A server that names its product sends the fix to the base DN; one that does not, to
      // the directory type first.
      const baseFirst =
        'heck the base DN first: set it to the part of the directory that holds the users';
      if (readers === 'anyone') {
        assert.ok(error.fix.startsWith(`C${baseFirst}`), error.fix);
        assert.equal(error.setting, 'baseDn');
      } else {
        assert.ok(error.fix.includes(`If it is, c${baseFirst}`), error.fix);
        assert.equal(error.setting, 'directoryType');
      }
      assert.match(error.fix, /\. If the users are there, give the service account read access/);
    });
  });
}
