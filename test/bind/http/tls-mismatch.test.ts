import assert from 'node:assert/strict';
import {connect} from 'node:tls';
import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';
import {test} from 'node:test';

import {answeredWithoutTls} from '../../../src/bind/http/tls-mismatch.js';

function coded(code: string, message = code): Error {
  return Object.assign(new Error(message), {code});
}

test('a TLS hello answered by a plain-HTTP server is recognised, as Node reports it', async () => {
  const server = createServer((_request, response) => response.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const {port} = server.address() as AddressInfo;
    const error = await new Promise<Error>((resolve) => {
      const socket = connect({host: '127.0.0.1', port, rejectUnauthorized: true});
      socket.once('error', resolve);
      socket.once('secureConnect', () => resolve(new Error('handshake succeeded')));
    });
    assert.ok(answeredWithoutTls(error) !== null, `not recognised: ${String(error)}`);
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});

test('EPROTO counts only with the reason OpenSSL gives for a plain-text answer', () => {
  assert.equal(
    answeredWithoutTls(coded('EPROTO', 'ssl3_get_record:wrong version number')),
    'EPROTO',
  );
  assert.equal(answeredWithoutTls(coded('EPROTO', 'sslv3 alert handshake failure')), null);
  assert.equal(
    answeredWithoutTls(new Error('fetch failed', {cause: coded('ERR_SSL_PACKET_LENGTH_TOO_LONG')})),
    'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  );
  assert.equal(answeredWithoutTls(coded('DEPTH_ZERO_SELF_SIGNED_CERT')), null);
  assert.equal(answeredWithoutTls(coded('ECONNRESET')), null);
});
