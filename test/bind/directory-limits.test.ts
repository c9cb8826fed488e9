/**
 * The limits of step 3's search, as the server sees them: the time limit each request asks for
 * is shorter than the client's own wait for it, so a server out of time can say so (result 3);
 * a server's own size limit stops the count with result 4, paged or not.
 */
import assert from 'node:assert/strict';
import {after, afterEach, before, describe, it} from 'node:test';

import {validateDirectory} from '../../src/bind/directory.js';
import type {DirectoryTimeLimits} from '../../src/bind/directory/time-limits.js';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {
  startLdapSimulator,
  type LdapSimulator,
  type LdapSimulatorOptions,
  type SearchSeen,
} from '../../src/simulators/ldap/server.js';

const neverAborted = new AbortController().signal;
const {password} = demoFixture.directory;

async function expectFailure(run: Promise<unknown>, errorClass: ErrorClass): Promise<BindError> {
  const error = await run.then(
    () => assert.fail(`expected a ${errorClass} failure`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, String(error));
  assert.equal(error.errorClass, errorClass, error.message);
  return error;
}

/** A simulator per test, started with `options`, recording the searches it is sent. */
function simulatorWith(options: LdapSimulatorOptions) {
  const searches: SearchSeen[] = [];
  let simulator: LdapSimulator | undefined;
  return {
    searches,
    async start(): Promise<DirectorySettings> {
      simulator = await startLdapSimulator({...options, onSearch: (seen) => searches.push(seen)});
      return {
        type: 'ldap',
        host: '127.0.0.1',
        port: Number(new URL(simulator.url).port),
        tlsMode: 'none',
        baseDn: '',
        bindName: simulator.bindName,
      };
    },
    get simulator(): LdapSimulator {
      assert.ok(simulator);
      return simulator;
    },
    async stop(): Promise<void> {
      await simulator?.close();
    },
  };
}

for (const paging of [false, true]) {
  const how = paging ? 'a paged' : 'an unpaged';

  describe(`the time limits of ${how} count`, () => {
    const server = simulatorWith({paging});
    let settings: DirectorySettings;
    before(async () => {
      settings = await server.start();
    });
    afterEach(() => {
      server.simulator.setSearchFault(undefined);
      server.searches.length = 0;
    });
    after(() => server.stop());

    it('asks the server for less time than the client waits for each request', async () => {
      const result = await validateDirectory(settings, password, {signal: neverAborted});
      assert.equal(result.mailUsers, 3);
      assert.equal(result.paged, paging);
      // Defaults: 10 s for a page (and the unpaged check), 15 s for the unpaged search.
      const expected = paging ? [8] : [13, 8];
      assert.deepEqual(
        server.searches.map((search) => search.timeLimit),
        expected,
      );
      assert.ok(server.searches.every((search) => search.paged === paging));
    });

    it('passes on the time limit result of a server that runs out of time', async () => {
      server.simulator.setSearchFault({kind: 'slow'});
      // The client would wait 2.5 s for the request; the server is asked to stop after 1 s.
      const limits: Partial<DirectoryTimeLimits> = paging
        ? {operationMs: 2_500, searchMs: 6_000}
        : {searchMs: 2_500};
      const started = performance.now();
      const error = await expectFailure(
        validateDirectory(settings, password, {signal: neverAborted, timeLimits: limits}),
        'server',
      );
      const elapsed = performance.now() - started;
      assert.match(error.message, /at its time limit \(result 3, timeLimitExceeded\)/);
      assert.match(error.message, /within the 1 s asked for\.$/);
      assert.match(error.fix, /Narrow the base DN/);
      assert.deepEqual(
        server.searches.map((search) => search.timeLimit),
        [1],
      );
      assert.ok(elapsed < 2_500, `answered after ${Math.round(elapsed)} ms`);
    });
  });

  describe(`a server's own size limit under ${how} count`, () => {
    const server = simulatorWith({paging, sizeLimit: 2});
    let settings: DirectorySettings;
    before(async () => {
      settings = await server.start();
    });
    after(() => server.stop());

    it('stops the count with its own message, naming the users seen', async () => {
      const error = await expectFailure(
        validateDirectory(settings, password, {signal: neverAborted}),
        'permission',
      );
      assert.match(error.message, /at its size limit \(result 4, sizeLimitExceeded\)/);
      assert.match(error.message, /cannot read every user/);
      // Without paging the capped search got the 2 entries before the check hit the limit.
      if (!paging) assert.match(error.message, /after 2 users/);
      assert.match(error.fix, /size limit/);
    });
  });
}
