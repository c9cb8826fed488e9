import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {Client} from 'ldapts';

import {countMailUsers, mailUserSampleLimit} from '../../../src/bind/directory/search-proof.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../../helpers/slapd.js';

const direct = <T>(operation: () => Promise<T>): Promise<T> => operation();

describe('countMailUsers against a real slapd', {skip: skipWithoutSlapd()}, () => {
  let slapd: Slapd;
  let client: Client;
  let requests = 0;
  const counting = <T>(operation: () => Promise<T>): Promise<T> => {
    requests += 1;
    return operation();
  };
  before(async () => {
    slapd = await startSlapd();
    client = new Client({url: slapd.url, timeout: 5_000});
    await client.bind(slapd.svcDn, slapd.svcPassword);
  });
  after(async () => {
    await client?.unbind().catch(() => undefined);
    await slapd?.stop();
  });

  const far = () => performance.now() + 60_000;

  it('counts every user page by page, one request per page', async () => {
    requests = 0;
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'ldap',
      paged: true,
      timeLimitSeconds: 5,
      deadline: far(),
      request: counting,
      pageSize: 1,
    });
    assert.deepEqual(counted, {count: 3, paged: true});
    assert.ok(requests >= 3, `${requests} pages`);
  });

  it('stops after the page that passed the deadline, with a lower bound', async () => {
    const seen: number[] = [];
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'ldap',
      paged: true,
      timeLimitSeconds: 5,
      deadline: performance.now(),
      request: direct,
      pageSize: 1,
      onProgress: (count) => seen.push(count),
    });
    assert.deepEqual(counted, {count: 1, stoppedBy: 'time', paged: true});
    assert.deepEqual(seen, [1]);
  });

  it('counts in one capped search when the server offers no paging', async () => {
    requests = 0;
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'ldap',
      paged: false,
      timeLimitSeconds: 5,
      deadline: far(),
      request: counting,
    });
    assert.deepEqual(counted, {count: 3, paged: false});
    assert.equal(requests, 1);
    assert.ok(mailUserSampleLimit >= 1000, 'the sample covers an unpaged AD answer');
  });

  it('uses the filter of the dialect', async () => {
    // AD's filter names objectCategory, which OpenLDAP's schema lacks: nobody matches.
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'active-directory',
      paged: true,
      timeLimitSeconds: 5,
      deadline: far(),
      request: direct,
    });
    assert.equal(counted.count, 0);
  });
});
