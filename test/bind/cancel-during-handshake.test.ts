import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {performance} from 'node:perf_hooks';

import {BindError} from '../../src/bind/errors.js';
import {validateExchange} from '../../src/bind/exchange.js';
import {findAccount} from '../../src/bind/mimecast/index.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {startSilentServer, type SilentServer} from '../helpers/silent-server.js';
import {createNetworkPath, noNetworkEnvironment} from '../../src/bind/http/index.js';
import {request} from 'undici';

/**
 * A cancel (Esc, Ctrl+C, a signal) while a server holds the TLS handshake, or a proxy the
 * tunnel request, ends the call at once: undici alone lets the attempt run to its 10 s connect
 * timeout (a proxy's answer to its five minute default), and the way out waited for it.
 */
describe('a cancel during a TLS handshake or a tunnel request that never ends', () => {
  let server: SilentServer;
  before(async () => {
    server = await startSilentServer();
  });
  after(async () => {
    await server.close();
  });

  async function cancelledSoon(call: (signal: AbortSignal) => Promise<unknown>) {
    const controller = new AbortController();
    const started = performance.now();
    setTimeout(() => controller.abort(), 200);
    const error = await call(controller.signal).then(
      () => assert.fail('the call passed'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof BindError);
    assert.equal(error.errorClass, 'cancelled', error.message);
    // The connect timeout is 10 s: ending well before it shows the attempt was abandoned.
    assert.ok(performance.now() - started < 5_000, 'the cancel waited for the connect timeout');
    await server.allClosed();
  }

  it('ends a Mimecast call and closes its connection', async () => {
    await cancelledSoon((signal) =>
      findAccount({
        discoveryUrl: `https://127.0.0.1:${server.port}`,
        appId: demoFixture.mimecast.appId,
        email: 'admin@contoso.example',
        signal,
        network: {caFile: ''},
      }),
    );
  });

  it('ends a Mimecast call whose proxy never answers the tunnel request', async () => {
    await cancelledSoon((signal) =>
      findAccount({
        discoveryUrl: 'https://api.mimecast.example',
        appId: demoFixture.mimecast.appId,
        email: 'admin@contoso.example',
        signal,
        network: {caFile: '', proxyUrl: `http://127.0.0.1:${server.port}`},
      }),
    );
  });

  it('ends an Exchange validation whose proxy never answers the tunnel request', async () => {
    await cancelledSoon((signal) =>
      validateExchange(
        {
          ewsUrl: 'https://mail.contoso.example/EWS/Exchange.asmx',
          authScheme: 'basic',
          user: 'svc@contoso.example',
          accessMode: 'own',
          mailbox: '',
        },
        'Exchange-Password-1',
        {signal, proxyUrl: `http://127.0.0.1:${server.port}`},
      ),
    );
  });

  it('ends an Exchange validation and closes its connection', async () => {
    await cancelledSoon((signal) =>
      validateExchange(
        {
          ewsUrl: `https://127.0.0.1:${server.port}/EWS/Exchange.asmx`,
          authScheme: 'basic',
          user: 'svc@contoso.example',
          accessMode: 'own',
          mailbox: '',
        },
        'Exchange-Password-1',
        {signal},
      ),
    );
  });
});

describe('a proxy that never answers the tunnel request', () => {
  it("is given up after the connect timeout, not undici's five minutes", async () => {
    const proxy = await startSilentServer();
    try {
      const path = await createNetworkPath(
        {caFile: '', proxyUrl: `http://127.0.0.1:${proxy.port}`},
        new AbortController().signal,
        {env: noNetworkEnvironment, connectTimeoutMs: 300},
      );
      const started = performance.now();
      await assert.rejects(
        request('https://api.mimecast.example/', {dispatcher: path.dispatcher}),
        (error: {code?: string}) => error.code === 'UND_ERR_HEADERS_TIMEOUT',
      );
      assert.ok(performance.now() - started < 5_000, 'the tunnel request was not bounded');
      await path.destroy();
    } finally {
      await proxy.close();
    }
  });
});
