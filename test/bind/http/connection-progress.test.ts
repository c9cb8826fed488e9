import assert from 'node:assert/strict';
import {createServer} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import {test} from 'node:test';

import {trackedConnector} from '../../../src/bind/http/connection-progress.js';
import {closedLoopbackPort} from '../../helpers/fixed-reply-server.js';
import {loopbackTls} from '../../helpers/loopback-tls.js';
import {startSilentServer} from '../../helpers/silent-server.js';

/** Connects once; resolves with the socket or the error, whichever undici's connector gives. */
function connectOnce(
  connector: ReturnType<typeof trackedConnector>,
  url: URL,
): Promise<Socket | Error> {
  return new Promise((resolve) => {
    connector.connect(
      {protocol: url.protocol, hostname: url.hostname, host: url.host, port: url.port},
      (error, socket) => resolve(error ?? (socket as Socket)),
    );
  });
}

test('a server that accepts and stays silent: TCP connected, TLS never finished', async () => {
  const silent = await startSilentServer();
  try {
    const connector = trackedConnector({timeout: 200, rejectUnauthorized: true});
    const url = new URL(`https://127.0.0.1:${silent.port}/`);
    assert.equal(connector.progressOf(url), 'not-tried');
    const outcome = await connectOnce(connector, url);
    assert.ok(outcome instanceof Error);
    assert.equal((outcome as {code?: string}).code, 'UND_ERR_CONNECT_TIMEOUT');
    assert.equal(connector.progressOf(url), 'tcp-connected');
    // Another origin on the same host is another connection.
    assert.equal(
      connector.progressOf(new URL(`https://127.0.0.1:${silent.port + 1}/`)),
      'not-tried',
    );
  } finally {
    await silent.close();
  }
});

test('a refused connection never gets past connecting; a TLS server is secured', async () => {
  const connector = trackedConnector({timeout: 2_000, ca: [loopbackTls.cert]});
  const closed = new URL(`https://127.0.0.1:${await closedLoopbackPort()}/`);
  const refused = await connectOnce(connector, closed);
  assert.equal((refused as {code?: string}).code, 'ECONNREFUSED');
  assert.equal(connector.progressOf(closed), 'connecting');

  const server = createServer(loopbackTls, (_request, response) => response.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const url = new URL(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`);
    const socket = await connectOnce(connector, url);
    assert.ok(!(socket instanceof Error), String(socket));
    assert.equal(connector.progressOf(url), 'secured');
    socket.destroy();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
});
