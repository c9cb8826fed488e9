import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import type {Client, SearchOptions} from 'ldapts';

import {BindError, cancelledError} from '../../../src/bind/errors.js';
import {probeEmptyView} from '../../../src/bind/directory/view-probe.js';

type Search = (base: string, options: SearchOptions) => Promise<{searchEntries: object[]}>;

function clientWith(search: Search): Client {
  return {search} as unknown as Client;
}

const run = <T>(operation: () => Promise<T>) => operation();

describe('probeEmptyView', () => {
  it('leaves a question open when its request fails, and asks the next', async () => {
    const asked: string[] = [];
    const client = clientWith(async (base, options) => {
      asked.push(`${options.scope} ${base}`);
      if (options.scope === 'sub') throw new BindError('server', 'refused', 'fix');
      return {searchEntries: []};
    });
    const findings = await probeEmptyView(client, 'ou=a,dc=corp', {
      dialect: 'ldap',
      rootDse: undefined,
      request: run,
    });
    assert.deepEqual(findings, {kind: 'unknown', seesEntries: false});
    assert.deepEqual(asked, ['sub dc=corp', 'one ou=a,dc=corp', 'base ou=a,dc=corp']);
  });

  it('lets a cancel through', async () => {
    const client = clientWith(async () => {
      throw cancelledError();
    });
    await assert.rejects(
      probeEmptyView(client, 'ou=a,dc=corp', {dialect: 'ldap', rootDse: undefined, request: run}),
      (error: unknown) => error instanceof BindError && error.errorClass === 'cancelled',
    );
  });

  it('asks nothing about the children of the root', async () => {
    const asked: string[] = [];
    const client = clientWith(async (base) => {
      asked.push(base);
      return {searchEntries: []};
    });
    const findings = await probeEmptyView(client, '', {
      dialect: 'domino',
      rootDse: undefined,
      request: run,
    });
    assert.deepEqual(findings, {kind: 'unknown', seesEntries: undefined});
    assert.deepEqual(asked, []);
  });
});
