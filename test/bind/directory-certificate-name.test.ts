import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {validateDirectory} from '../../src/bind/directory.js';
import {BindError} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../helpers/slapd.js';

const neverAborted = new AbortController().signal;

/**
 * The certificate must name the host as entered, over StartTLS as over LDAPS. StartTLS upgrades
 * a socket that is already open, and Node then checks a certificate against "localhost" unless
 * told the host: a certificate for localhost would pass for any address.
 */
describe(
  'the directory certificate is checked against the host entered',
  {skip: skipWithoutSlapd()},
  () => {
    let localhostOnly: Slapd;
    let addressOnly: Slapd;

    before(async () => {
      [localhostOnly, addressOnly] = await Promise.all([
        startSlapd({certificateNames: 'DNS:localhost'}),
        startSlapd({certificateNames: 'IP:127.0.0.1'}),
      ]);
    });
    after(async () => {
      await Promise.all([localhostOnly?.stop(), addressOnly?.stop()]);
    });

    function check(slapd: Slapd, host: string, tls: 'starttls' | 'ldaps') {
      const settings: DirectorySettings = {
        type: 'ldap',
        host,
        port: tls === 'ldaps' ? slapd.ldapsPort : slapd.port,
        tlsMode: tls,
        baseDn: '',
        bindName: slapd.svcDn,
      };
      return validateDirectory(settings, slapd.svcPassword, {
        signal: neverAborted,
        caFile: slapd.caFile,
      });
    }

    for (const tls of ['starttls', 'ldaps'] as const) {
      it(`${tls}: a certificate for localhost is refused for 127.0.0.1`, async () => {
        const error = await check(localhostOnly, '127.0.0.1', tls).then(
          () => assert.fail('a certificate naming only localhost passed for 127.0.0.1'),
          (caught: unknown) => caught,
        );
        assert.ok(error instanceof BindError);
        assert.equal(error.errorClass, 'tls', error.message);
        assert.match(error.message, /does not name 127\.0\.0\.1: it names localhost/);
      });

      it(`${tls}: a certificate for localhost passes for localhost`, async () => {
        const result = await check(localhostOnly, 'localhost', tls);
        assert.equal(result.mailUsers, 3);
      });

      it(`${tls}: a certificate for the address passes for the address`, async () => {
        const result = await check(addressOnly, '127.0.0.1', tls);
        assert.equal(result.mailUsers, 3);
      });
    }
  },
);
