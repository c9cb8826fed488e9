import assert from 'node:assert/strict';
import {connect} from 'node:net';
import {after, before, describe, it} from 'node:test';

import {
  Client,
  InvalidCredentialsError,
  NoSuchObjectError,
  SizeLimitExceededError,
  TimeLimitExceededError,
  UnwillingToPerformError,
} from 'ldapts';

import {demoFixture} from '../../../src/simulators/demo-fixture.js';
import {startLdapSimulator, type LdapSimulator} from '../../../src/simulators/ldap/server.js';

const {bindName, password, baseDn} = demoFixture.directory;
const mailFilter = '(&(objectClass=inetOrgPerson)(mail=*))';

describe('LDAP simulator, spoken to with ldapts', () => {
  let simulator: LdapSimulator;
  const clients: Client[] = [];
  const client = (): Client => {
    const made = new Client({url: simulator.url, timeout: 2000, connectTimeout: 2000});
    clients.push(made);
    return made;
  };
  before(async () => {
    simulator = await startLdapSimulator();
  });
  after(async () => {
    await Promise.all(clients.map((made) => made.unbind().catch(() => undefined)));
    await simulator.close();
  });

  it('survives requests it cannot parse, as a real server does', async () => {
    const searcher = client();
    await searcher.bind(bindName, password);
    await assert.rejects(searcher.search('not a dn', {filter: mailFilter}));

    const garbage = connect(Number(new URL(simulator.url).port), '127.0.0.1');
    await new Promise<void>((resolve) => garbage.once('connect', () => resolve()));
    // The first bytes of a TLS ClientHello: what an LDAPS client sends to the plain port.
    garbage.end(Buffer.from('160301020001000000', 'hex'));
    await new Promise<void>((resolve) => garbage.once('close', () => resolve()));

    const after = client();
    await after.bind(bindName, password);
    const {searchEntries} = await after.search(baseDn, {filter: mailFilter});
    assert.equal(searchEntries.length, demoFixture.directory.users.length);
  });

  it('listens on 127.0.0.1 and serves the demo base DN', () => {
    assert.match(simulator.url, /^ldap:\/\/127\.0\.0\.1:\d+$/);
    assert.equal(simulator.baseDn, baseDn);
  });

  it('shows its rootDSE to anyone, attribute names in any case', async () => {
    const {searchEntries} = await client().search('', {
      scope: 'base',
      filter: '(objectClass=*)',
      attributes: ['namingContexts', 'VENDORNAME'],
    });
    assert.equal(searchEntries.length, 1);
    assert.equal(searchEntries[0]?.namingContexts, baseDn);
    assert.equal(searchEntries[0]?.vendorName, 'mse-bind LDAP simulator');
  });

  it('shows an anonymous user no entries', async () => {
    const {searchEntries} = await client().search(baseDn, {filter: mailFilter});
    assert.deepEqual(searchEntries, []);
  });

  it('lets the service account search with filters, scopes and attribute lists', async () => {
    const bound = client();
    await bound.bind(bindName, password);
    const all = await bound.search(baseDn, {filter: mailFilter, attributes: ['mail']});
    assert.deepEqual(
      all.searchEntries.map((entry) => entry.mail).sort(),
      demoFixture.directory.users.map((user) => user.mail).sort(),
    );
    assert.deepEqual(Object.keys(all.searchEntries[0] ?? {}).sort(), ['dn', 'mail']);

    const bob = await bound.search(baseDn, {filter: '(uid=bob)', attributes: ['cn']});
    assert.deepEqual(bob.searchEntries, [{dn: `uid=bob,ou=people,${baseDn}`, cn: 'Bob Brown'}]);

    const base = await bound.search(baseDn, {scope: 'base', attributes: ['1.1']});
    // ldapts lists every requested name it did not get as []: no attribute came back.
    assert.deepEqual(base.searchEntries, [{dn: baseDn, '1.1': []}]);

    const units = await bound.search(baseDn, {
      scope: 'one',
      filter: '(objectClass=organizationalUnit)',
    });
    assert.equal(units.searchEntries.length, 2);
  });

  it('stops at the sizeLimit, which ldapts accepts as a partial answer', async () => {
    const bound = client();
    await bound.bind(bindName, password);
    const {searchEntries} = await bound.search(baseDn, {filter: mailFilter, sizeLimit: 2});
    assert.equal(searchEntries.length, 2);
  });

  it('answers searches without waiting for delayed ACKs', async () => {
    const bound = client();
    await bound.bind(bindName, password);
    await bound.search(baseDn, {filter: mailFilter});
    const started = performance.now();
    for (let i = 0; i < 10; i++) await bound.search(baseDn, {filter: mailFilter});
    // With Nagle's algorithm on, each answer's last part waits about 40 ms for the client's ACK.
    const elapsed = performance.now() - started;
    assert.ok(elapsed < 250, `10 searches took ${Math.round(elapsed)} ms`);
  });

  it('answers noSuchObject for a base that is not in the tree', async () => {
    const bound = client();
    await bound.bind(bindName, password);
    await assert.rejects(bound.search('dc=elsewhere,dc=example', {}), NoSuchObjectError);
  });

  it('answers 49 to a wrong password or unknown name, 53 to a name alone', async () => {
    await assert.rejects(client().bind(bindName, 'wrong'), InvalidCredentialsError);
    await assert.rejects(client().bind(`cn=nobody,${baseDn}`, password), InvalidCredentialsError);
    await assert.rejects(client().bind(bindName, ''), UnwillingToPerformError);
  });

  it('drops a connection back to anonymous after a failed bind', async () => {
    const bound = client();
    await bound.bind(bindName, password);
    await assert.rejects(bound.bind(bindName, 'wrong'), InvalidCredentialsError);
    const {searchEntries} = await bound.search(baseDn, {filter: mailFilter});
    assert.deepEqual(searchEntries, []);
  });

  it('rotates a password with setPassword', async () => {
    const rotated = 'Rotated-Directory-2027!';
    simulator.setPassword(bindName, rotated);
    try {
      await assert.rejects(client().bind(bindName, password), InvalidCredentialsError);
      await client().bind(bindName, rotated);
    } finally {
      simulator.setPassword(bindName, password);
    }
  });

  it('sends an Active Directory diagnostic set with setBindDiagnostic', async () => {
    simulator.setBindDiagnostic(bindName, '773');
    try {
      await assert.rejects(client().bind(bindName, password), (error) => {
        assert.ok(error instanceof InvalidCredentialsError);
        assert.match(error.message, /AcceptSecurityContext error, data 773, v4563/);
        return true;
      });
    } finally {
      simulator.setBindDiagnostic(bindName, undefined);
    }
    await client().bind(bindName, password);
  });

  it('ends searches with the result a fault names, after the entries it allows', async () => {
    const bound = client();
    await bound.bind(bindName, password);
    simulator.setSearchFault({
      kind: 'result',
      resultCode: 3,
      diagnostic: 'time limit reached',
      afterEntries: 1,
    });
    try {
      await assert.rejects(bound.search(baseDn, {filter: mailFilter}), (error) => {
        assert.ok(error instanceof TimeLimitExceededError);
        assert.match(error.message, /time limit reached/);
        return true;
      });
      // The rootDSE stays readable: a fault hits the directory, not the server's self-description.
      const rootDse = await bound.search('', {scope: 'base', attributes: ['namingContexts']});
      assert.equal(rootDse.searchEntries[0]?.namingContexts, baseDn);
    } finally {
      simulator.setSearchFault(undefined);
    }
    const {searchEntries} = await bound.search(baseDn, {filter: mailFilter});
    assert.equal(searchEntries.length, 3);
  });

  it('leaves a search unanswered under the hang fault', async () => {
    const bound = new Client({url: simulator.url, timeout: 300});
    clients.push(bound);
    await bound.bind(bindName, password);
    simulator.setSearchFault({kind: 'hang'});
    try {
      await assert.rejects(bound.search(baseDn, {filter: mailFilter}), /Operation timed out/);
    } finally {
      simulator.setSearchFault(undefined);
    }
  });
});

describe('LDAP simulator with paging and a size limit of its own', () => {
  let simulator: LdapSimulator;
  let bound: Client;
  before(async () => {
    simulator = await startLdapSimulator({paging: true, sizeLimit: 2});
    bound = new Client({url: simulator.url, timeout: 3000});
    await bound.bind(bindName, password);
  });
  after(async () => {
    await bound.unbind().catch(() => undefined);
    await simulator.close();
  });

  it('offers the paged results control and answers a page at a time', async () => {
    const rootDse = await bound.search('', {scope: 'base', attributes: ['supportedControl']});
    assert.equal(rootDse.searchEntries[0]?.supportedControl, '1.2.840.113556.1.4.319');
    const pages: number[] = [];
    const search = {filter: '(objectClass=organizationalUnit)', paged: {pageSize: 1}};
    for await (const page of bound.searchPaginated(baseDn, search)) {
      pages.push(page.searchEntries.length);
    }
    assert.deepEqual(pages, [1, 1]);
  });

  it('ends a search that matches more than its size limit with result 4', async () => {
    await assert.rejects(bound.search(baseDn, {filter: mailFilter}), SizeLimitExceededError);
    const capped = await bound.search(baseDn, {filter: mailFilter, sizeLimit: 1000});
    assert.equal(capped.searchEntries.length, 2, 'ldapts takes result 4 as the end');
  });

  it('answers a slow search with timeLimitExceeded once its time limit has passed', async () => {
    simulator.setSearchFault({kind: 'slow'});
    try {
      const started = performance.now();
      await assert.rejects(
        bound.search(baseDn, {filter: mailFilter, timeLimit: 1}),
        TimeLimitExceededError,
      );
      const elapsed = performance.now() - started;
      assert.ok(elapsed >= 950 && elapsed < 2_000, `${Math.round(elapsed)} ms`);
    } finally {
      simulator.setSearchFault(undefined);
    }
  });
});

describe('LDAP simulator as HCL Domino', () => {
  it('shows a Domino rootDSE without a naming context, and searches from the root', async () => {
    const unbinds: number[] = [];
    const simulator = await startLdapSimulator({
      flavor: 'domino',
      onUnbind: () => unbinds.push(1),
    });
    const bound = new Client({url: simulator.url, timeout: 3000});
    try {
      const rootDse = await bound.search('', {scope: 'base', attributes: ['*']});
      assert.equal(rootDse.searchEntries[0]?.dominoMajMinVersion, '12002');
      assert.equal(rootDse.searchEntries[0]?.namingContexts, undefined);
      await bound.bind(simulator.bindName, password);
      const {searchEntries} = await bound.search('', {
        filter: '(&(objectClass=person)(mail=*))',
        attributes: ['mail'],
      });
      assert.deepEqual(
        searchEntries.map((entry) => entry.dn),
        demoFixture.directory.users.map((user) => `CN=${user.cn},${simulator.baseDn}`),
      );
      await bound.unbind();
      const deadline = performance.now() + 1_000;
      while (unbinds.length === 0 && performance.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
      assert.equal(unbinds.length, 1, 'the unbind was heard');
    } finally {
      await bound.unbind().catch(() => undefined);
      await simulator.close();
    }
  });
});

describe('LDAP simulator lifetime', () => {
  it('closes the connections still open when it closes', async () => {
    const simulator = await startLdapSimulator();
    const open = new Client({url: simulator.url, timeout: 2000});
    await open.bind(bindName, password);
    await simulator.close();
    await assert.rejects(open.search(baseDn, {}));
    await open.unbind().catch(() => undefined);
  });
});
