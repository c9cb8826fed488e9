import assert from 'node:assert/strict';
import {X509Certificate} from 'node:crypto';
import {existsSync, readFileSync} from 'node:fs';
import {createServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {after, before, test} from 'node:test';
import {connect} from 'node:tls';
import {
  createCertificateAuthority,
  writeCaFile,
  type CertificateAuthority,
} from '../../../src/simulators/tls/index.js';

let ca: CertificateAuthority;
let port: number;
const server = createServer();

before(async () => {
  ca = await createCertificateAuthority({validDays: 1});
  const certificate = await ca.issueServerCertificate(['127.0.0.1', 'localhost']);
  server.setSecureContext(certificate);
  server.on('request', (_request, response) => response.end('ok'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
after(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

/** A TLS handshake with Node's full verification; resolves to the error code or 'ok'. */
function handshake(host: string, trusted: string | undefined): Promise<string> {
  return new Promise((resolve) => {
    const socket = connect({
      host: '127.0.0.1',
      port,
      ...(host === '127.0.0.1' ? {} : {servername: host}),
      ...(trusted === undefined ? {} : {ca: trusted}),
    });
    socket.once('secureConnect', () => {
      socket.destroy();
      resolve('ok');
    });
    socket.once('error', (error: NodeJS.ErrnoException) => resolve(error.code ?? 'error'));
  });
}

test('a client that trusts the CA verifies the server by address and by name', async () => {
  assert.equal(await handshake('127.0.0.1', ca.certificatePem), 'ok');
  assert.equal(await handshake('localhost', ca.certificatePem), 'ok');
});

test('a client that does not trust the CA refuses the server', async () => {
  assert.equal(await handshake('127.0.0.1', undefined), 'SELF_SIGNED_CERT_IN_CHAIN');
});

test('the certificate names only the hosts asked for', async () => {
  assert.equal(await handshake('other.example', ca.certificatePem), 'ERR_TLS_CERT_ALTNAME_INVALID');
});

test('the CA is a CA, the server certificate is not, and both expire', () => {
  const authority = new X509Certificate(ca.certificatePem);
  assert.equal(authority.ca, true);
  assert.ok(Date.parse(authority.validTo) < Date.now() + 2 * 24 * 60 * 60_000);
});

test('the CA file is written as PEM and removed again', async () => {
  const file = await writeCaFile(ca.certificatePem);
  assert.equal(readFileSync(file.path, 'utf8'), ca.certificatePem);
  await file.remove();
  assert.equal(existsSync(file.path), false);
  await file.remove();
});
