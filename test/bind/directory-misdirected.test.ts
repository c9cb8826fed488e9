import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {createServer, type AddressInfo} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';

import {validateDirectory} from '../../src/bind/directory.js';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {startLdapSimulator, type LdapSimulator} from '../../src/simulators/ldap/server.js';
import {startPlainHttpServer, type PlainHttpServer} from '../helpers/plain-http-reply.js';
import {startSilentServer, type SilentServer} from '../helpers/silent-server.js';

const {bindName, password} = demoFixture.directory;
const live = () => new AbortController().signal;

function settings(port: number, tlsMode: DirectorySettings['tlsMode']): DirectorySettings {
  return {type: 'ldap', host: '127.0.0.1', port, tlsMode, baseDn: '', bindName};
}

async function failure(run: Promise<unknown>, errorClass: ErrorClass): Promise<BindError> {
  const error = await run.then(
    () => assert.fail('expected a failure'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, String(error));
  assert.equal(error.errorClass, errorClass, error.message);
  assert.ok(!`${error.message} ${error.fix}`.includes(password));
  return error;
}

/**
 * The directory spoken to in a way its port does not serve, and a CA file that plain LDAP
 * has no use for: each told as what it is.
 */
describe('validateDirectory against a port that does not serve what the settings say', () => {
  let ldap: LdapSimulator;
  let http: PlainHttpServer;
  let silent: SilentServer;
  let dir: string;
  before(async () => {
    [ldap, http, silent] = await Promise.all([
      startLdapSimulator(),
      startPlainHttpServer({status: 400}),
      startSilentServer(),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'mse-bind-directory-'));
  });
  after(async () => {
    await Promise.all([ldap.close(), http.close(), silent.close()]);
    await rm(dir, {recursive: true, force: true});
  });

  it('plain LDAP does not read the CA file, so an unreadable one is no failure', async () => {
    const port = Number(new URL(ldap.url).port);
    const caFile = join(dir, 'missing-ca.pem');
    const result = await validateDirectory(settings(port, 'none'), password, {
      signal: live(),
      caFile,
    });
    assert.match(result.fact, /3 mail-enabled users/);

    // LDAPS reads it, and its absence is then the failure.
    const error = await failure(
      validateDirectory(settings(port, 'ldaps'), password, {signal: live(), caFile}),
      'input',
    );
    assert.equal(error.setting, 'caFile');
  });

  it('LDAPS to a port that answers in plain text: it does not speak TLS', async () => {
    const port = Number(new URL(http.url).port);
    const error = await failure(
      validateDirectory(settings(port, 'ldaps'), password, {signal: live(), timeoutMs: 2_000}),
      'tls',
    );
    assert.equal(
      error.message,
      `127.0.0.1:${port} does not speak TLS: it answered the TLS handshake in plain text ` +
        '(ERR_SSL_WRONG_VERSION_NUMBER).',
    );
    assert.equal(error.setting, 'directoryPort');
    assert.doesNotMatch(error.message, /closed the connection/);
  });

  it('LDAPS to a port that accepts and says nothing: connected, no TLS handshake', async () => {
    const error = await failure(
      validateDirectory(settings(silent.port, 'ldaps'), password, {
        signal: live(),
        timeoutMs: 300,
      }),
      'network',
    );
    assert.equal(
      error.message,
      `127.0.0.1:${silent.port} accepted the connection but did not complete the TLS ` +
        'handshake within 0.3 s.',
    );
    assert.equal(error.setting, 'directoryPort');
    assert.doesNotMatch(error.fix, /drops packets/);
    await silent.allClosed();
  });

  it('StartTLS agreed, then a TLS handshake that never finishes: network, a timeout', async () => {
    const helloSeen: Buffer[] = [];
    const agreeing = await startAgreeingStartTls(helloSeen);
    try {
      const error = await failure(
        validateDirectory(settings(agreeing.port, 'starttls'), password, {
          signal: live(),
          timeoutMs: 300,
        }),
        'network',
      );
      assert.equal(
        error.message,
        `127.0.0.1:${agreeing.port} accepted the connection but did not answer within 0.3 s ` +
          'while starting TLS (StartTLS).',
      );
      // The client did start the handshake: the silence is in TLS, not in LDAP.
      assert.equal(helloSeen[0]?.[0], 0x16, 'a TLS handshake record was sent');
    } finally {
      await agreeing.close();
    }
  });
});

/**
 * An LDAP port that answers the StartTLS extended request with success, then reads the TLS
 * hello and never answers it.
 */
async function startAgreeingStartTls(helloSeen: Buffer[]) {
  const server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.once('data', (request: Buffer) => {
      // LDAPMessage: SEQUENCE, then the message id (INTEGER, one byte for the first request).
      const id = request[4] ?? 1;
      // ExtendedResponse [APPLICATION 24]: resultCode success, empty matchedDN and message.
      socket.write(
        Buffer.from([
          0x30,
          0x0c,
          0x02,
          0x01,
          id,
          0x78,
          0x07,
          0x0a,
          0x01,
          0x00,
          0x04,
          0x00,
          0x04,
          0x00,
        ]),
      );
      socket.on('data', (hello: Buffer) => helloSeen.push(hello));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
