import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {Client, SizeLimitExceededError} from 'ldapts';

import {
  countMailUsers,
  mailUserSampleLimit,
  type SearchRequestLimits,
} from '../../../src/bind/directory/search-proof.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../../helpers/slapd.js';

const direct = <T>(operation: () => Promise<T>): Promise<T> => operation();

describe('countMailUsers against a real slapd', {skip: skipWithoutSlapd()}, () => {
  let slapd: Slapd;
  let client: Client;
  let requests: SearchRequestLimits[] = [];
  const counting = <T>(operation: () => Promise<T>, limits: SearchRequestLimits): Promise<T> => {
    requests.push(limits);
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
    requests = [];
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'ldap',
      paged: true,
      pageMs: 10_000,
      searchMs: 15_000,
      deadline: far(),
      request: counting,
      pageSize: 1,
    });
    assert.deepEqual(counted, {count: 3, paged: true});
    assert.ok(requests.length >= 3, `${requests.length} pages`);
    // Each page asks the server to stop short of the client's own wait for that page.
    for (const limits of requests) assert.deepEqual(limits, {clientMs: 10_000, serverSeconds: 8});
  });

  it('stops after the page that passed the deadline, with a lower bound', async () => {
    const seen: number[] = [];
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'ldap',
      paged: true,
      pageMs: 5_000,
      searchMs: 5_000,
      deadline: performance.now(),
      request: direct,
      pageSize: 1,
      onProgress: (count) => seen.push(count),
    });
    assert.deepEqual(counted, {count: 1, stoppedBy: 'time', paged: true});
    assert.deepEqual(seen, [1]);
  });

  it('counts in one capped search when the server offers no paging, then checks it', async () => {
    requests = [];
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'ldap',
      paged: false,
      pageMs: 10_000,
      searchMs: 15_000,
      deadline: far(),
      request: counting,
    });
    assert.deepEqual(counted, {count: 3, paged: false});
    // The capped search may take the whole budget; the check without a cap one page's.
    assert.deepEqual(requests, [
      {clientMs: 15_000, serverSeconds: 13},
      {clientMs: 10_000, serverSeconds: 8},
    ]);
    assert.ok(mailUserSampleLimit >= 1000, 'the sample covers an unpaged AD answer');
  });

  it("stops at the server's own size limit without paging, as with paging", async () => {
    const limited = new Client({url: slapd.url, timeout: 5_000});
    try {
      await limited.bind(slapd.limitedDn, slapd.userPassword);
      for (const paged of [false, true]) {
        const seen: number[] = [];
        await assert.rejects(
          countMailUsers(limited, slapd.baseDn, {
            dialect: 'ldap',
            paged,
            pageMs: 5_000,
            searchMs: 5_000,
            deadline: far(),
            request: direct,
            onProgress: (count) => seen.push(count),
          }),
          SizeLimitExceededError,
        );
        // Without paging the capped search saw the 2 entries slapd allows this account.
        assert.deepEqual(seen, paged ? [] : [2]);
      }
    } finally {
      await limited.unbind().catch(() => undefined);
    }
  });

  it('uses the filter of the dialect', async () => {
    // AD's filter names objectCategory, which OpenLDAP's schema lacks: nobody matches.
    const counted = await countMailUsers(client, slapd.baseDn, {
      dialect: 'active-directory',
      paged: true,
      pageMs: 5_000,
      searchMs: 5_000,
      deadline: far(),
      request: direct,
    });
    assert.equal(counted.count, 0);
  });
});
