/**
 * Step 3 when slapd's side ends the session part-way (a relay in front of it cuts the
 * connection at a chosen request): before any LDAP answer the port may be an LDAPS port spoken
 * to in plain LDAP, and the fix says so; once StartTLS or the rootDSE read was answered the port
 * and TLS mode are proven right, and the fix sends the administrator to the server instead.
 */
import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {validateDirectory} from '../../src/bind/directory.js';
import {BindError} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../helpers/slapd.js';
import {startTcpRelay, type CutRule, type TcpRelay} from '../helpers/tcp-relay.js';

const neverAborted = new AbortController().signal;

/** The protocolOp tag of a plain LDAPMessage, or undefined when the chunk is not one. */
function requestTag(chunk: Buffer): number | undefined {
  if (chunk[0] !== 0x30 || chunk[1] === undefined) return undefined;
  const lengthBytes = chunk[1] < 0x80 ? 0 : chunk[1] & 0x7f;
  const messageId = 2 + lengthBytes;
  if (chunk[messageId] !== 0x02) return undefined;
  return chunk[messageId + 2 + (chunk[messageId + 1] ?? 0)];
}

const bindRequest = 0x60;
const searchRequest = 0x63;
const atFirstRequest: CutRule = (_chunk, index) => index === 0;
const atBind: CutRule = (chunk) => requestTag(chunk) === bindRequest;
/** The search for users: the first search after the bind (the rootDSE read comes before). */
function atUserSearch(): CutRule {
  let bound = false;
  return (chunk) => {
    const tag = requestTag(chunk);
    if (tag === bindRequest) bound = true;
    return bound && tag === searchRequest;
  };
}

/**
 * The first request sent over TLS once StartTLS is up: the chunk that holds the second TLS
 * record of application data (TLS 1.3 carries the client's Finished in the first). Records are
 * followed across chunks; chunk 0 is the StartTLS request itself, in plain LDAP.
 */
function atFirstRequestOverTls(): CutRule {
  let pending = Buffer.alloc(0);
  let applicationData = 0;
  return (chunk, index) => {
    if (index === 0) return false;
    pending = Buffer.concat([pending, chunk]);
    while (pending.length >= 5) {
      if (pending[0] === 0x17) applicationData += 1;
      if (applicationData === 2) return true;
      const end = 5 + pending.readUInt16BE(3);
      if (pending.length < end) {
        // The rest of this record comes in a later chunk: count it once.
        if (pending[0] === 0x17) applicationData -= 1;
        break;
      }
      pending = pending.subarray(end);
    }
    return false;
  };
}

describe('a directory session the server ends part-way', {skip: skipWithoutSlapd()}, () => {
  let slapd: Slapd;
  let relay: TcpRelay;
  before(async () => {
    slapd = await startSlapd();
    relay = await startTcpRelay({host: '127.0.0.1', port: slapd.port});
  });
  after(async () => {
    await relay?.close();
    await slapd?.stop();
  });

  const cutAt = async (rule: CutRule, overrides: Partial<DirectorySettings> = {}) => {
    relay.setCut(rule);
    const settings: DirectorySettings = {
      type: 'ldap',
      host: '127.0.0.1',
      port: relay.port,
      tlsMode: 'none',
      baseDn: '',
      bindName: slapd.svcDn,
      ...overrides,
    };
    const error = await validateDirectory(settings, slapd.svcPassword, {
      signal: neverAborted,
      caFile: slapd.caFile,
    }).then(
      () => assert.fail('expected a failure'),
      (caught: unknown) => caught,
    );
    relay.setCut(undefined);
    assert.ok(error instanceof BindError, String(error));
    assert.equal(error.errorClass, 'network', `${error.message} / ${error.fix}`);
    return error;
  };

  const answeredFix =
    'It answered LDAP on this connection before, so the port and TLS mode are right. See the ' +
    "directory server's log for why it ended the session (a limit on connections or idle " +
    'time, or a rule for this account or computer).';

  it('before any answer, suggests the port may be an LDAPS port', async () => {
    const error = await cutAt(atFirstRequest);
    assert.equal(
      error.message,
      `127.0.0.1:${relay.port} closed the connection while reading the rootDSE.`,
    );
    assert.match(error.fix, new RegExp(`^If port ${relay.port} is an LDAPS port`));
    assert.equal(error.setting, 'tlsMode');
  });

  it('at the bind, after the rootDSE was read, sends the administrator to the server', async () => {
    const error = await cutAt(atBind);
    assert.equal(
      error.message,
      `127.0.0.1:${relay.port} closed the connection while binding as the service account.`,
    );
    assert.equal(error.fix, answeredFix);
    assert.equal(error.setting, undefined);
  });

  it('at the search for users, after the bind, likewise', async () => {
    const error = await cutAt(atUserSearch());
    assert.match(error.message, /closed the connection while searching for mail-enabled users\.$/);
    assert.equal(error.fix, answeredFix);
    assert.equal(error.setting, undefined);
  });

  it('at the first request after StartTLS succeeded, likewise', async () => {
    const error = await cutAt(atFirstRequestOverTls(), {tlsMode: 'starttls'});
    // The rootDSE read under TLS 1.3; the bind under TLS 1.2, whose Finished is no data record.
    assert.match(error.message, /closed the connection while (reading the rootDSE|binding as)/);
    assert.equal(error.fix, answeredFix);
    assert.doesNotMatch(error.fix, /LDAPS/);
  });
});
