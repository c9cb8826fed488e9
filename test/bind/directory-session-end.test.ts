/**
 * Step 3 ends its directory session politely whatever happened: an unbind request goes out and
 * the client closes the connection, after a pass, a refused bind and a failed search alike.
 * Seen at the server (the LDAP simulator records unbinds) and on the wire (a relay in front of
 * a real slapd sees the last bytes the client sent, and which side closed).
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {setTimeout as sleep} from 'node:timers/promises';

import {validateDirectory, type DirectoryValidation} from '../../src/bind/directory.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {startLdapSimulator, type LdapSimulator} from '../../src/simulators/ldap/server.js';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../helpers/slapd.js';
import {startTcpRelay, type TcpRelay} from '../helpers/tcp-relay.js';

const neverAborted = new AbortController().signal;
const {password} = demoFixture.directory;

/** How soon after the check settles its connection must be closed. */
const promptlyMs = 500;

function plainSettings(port: number, bindName: string): DirectorySettings {
  return {type: 'ldap', host: '127.0.0.1', port, tlsMode: 'none', baseDn: '', bindName};
}

/** Runs the check to its end, pass or fail, and says when it settled. */
async function settle(
  run: Promise<DirectoryValidation>,
): Promise<{settledAt: number; outcome: unknown}> {
  const outcome = await run.then(
    (value) => value,
    (error: unknown) => error,
  );
  return {settledAt: performance.now(), outcome};
}

function assertFailure(outcome: unknown, errorClass: ErrorClass): void {
  assert.ok(
    outcome instanceof BindError,
    `expected a ${errorClass} failure, got ${String(outcome)}`,
  );
  assert.equal(outcome.errorClass, errorClass, outcome.message);
}

async function until(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = performance.now() + timeoutMs;
  while (!condition()) {
    if (performance.now() > deadline) return false;
    await sleep(5);
  }
  return true;
}

describe('the end of a directory session, at the LDAP simulator', () => {
  let simulator: LdapSimulator;
  let unbinds = 0;
  let settings: DirectorySettings;
  before(async () => {
    simulator = await startLdapSimulator({onUnbind: () => (unbinds += 1)});
    settings = plainSettings(Number(new URL(simulator.url).port), simulator.bindName);
  });
  after(async () => {
    await simulator.close();
  });

  const endsPolitely = async (run: () => Promise<DirectoryValidation>): Promise<unknown> => {
    unbinds = 0;
    const {outcome} = await settle(run());
    // The unbind is the client's last word: the server reads it as the connection goes.
    await until(() => unbinds > 0, promptlyMs);
    assert.equal(unbinds, 1, 'one unbind request reached the server');
    const closed = await until(() => simulator.openConnections() === 0, promptlyMs);
    assert.ok(closed, `the connection was still open ${promptlyMs} ms after the check`);
    return outcome;
  };

  it('unbinds and closes after a pass', async () => {
    const outcome = await endsPolitely(() =>
      validateDirectory(settings, password, {signal: neverAborted}),
    );
    assert.equal((outcome as DirectoryValidation).mailUsers, 3);
  });

  it('unbinds and closes after a refused bind (result 49)', async () => {
    const outcome = await endsPolitely(() =>
      validateDirectory(settings, 'Wrong-Password-1', {signal: neverAborted}),
    );
    assertFailure(outcome, 'credentials');
  });

  it('unbinds and closes after a failed search', async () => {
    simulator.setSearchFault({kind: 'result', resultCode: 11});
    try {
      const outcome = await endsPolitely(() =>
        validateDirectory(settings, password, {signal: neverAborted}),
      );
      assertFailure(outcome, 'permission');
    } finally {
      simulator.setSearchFault(undefined);
    }
  });
});

/** An LDAPMessage holding an UnbindRequest: SEQUENCE { messageID, [APPLICATION 2] NULL }. */
const unbindRequestAtEnd = /30050201[0-9a-f]{2}4200$/;

describe('the end of a directory session, on the wire to slapd', {skip: skipWithoutSlapd()}, () => {
  let slapd: Slapd;
  let relay: TcpRelay;
  before(async () => {
    slapd = await startSlapd();
  });
  after(async () => {
    await slapd?.stop();
  });

  const endsPolitely = async (
    bindName: string,
    secret: string,
    overrides: Partial<DirectorySettings> = {},
  ): Promise<unknown> => {
    relay = await startTcpRelay({host: '127.0.0.1', port: slapd.port});
    try {
      const settings = {...plainSettings(relay.port, bindName), ...overrides};
      const {settledAt, outcome} = await settle(
        validateDirectory(settings, secret, {signal: neverAborted}),
      );
      assert.equal(relay.connections(), 1);
      const closed = await until(() => relay.open() === 0, promptlyMs);
      assert.ok(closed, `the connection was still open ${promptlyMs} ms after the check`);
      const seen = relay.connection(0);
      assert.equal(seen?.closedBy, 'client', 'the client closed the connection');
      assert.match(seen.fromClient.toString('hex'), unbindRequestAtEnd, 'its last request');
      assert.ok((seen.closedAt ?? Infinity) - settledAt < promptlyMs);
      return outcome;
    } finally {
      await relay.close();
    }
  };

  it('unbinds and closes after a pass', async () => {
    const outcome = await endsPolitely(slapd.svcDn, slapd.svcPassword);
    assert.equal((outcome as DirectoryValidation).mailUsers, 3);
  });

  it('unbinds and closes after a refused bind (result 49)', async () => {
    assertFailure(await endsPolitely(slapd.svcDn, 'Wrong-Password-1'), 'credentials');
  });

  it('unbinds and closes after a failed search', async () => {
    const outcome = await endsPolitely(slapd.svcDn, slapd.svcPassword, {
      baseDn: 'ou=nowhere,dc=contoso,dc=example',
    });
    assertFailure(outcome, 'not-found');
  });
});
