import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';

import {validateExchange} from '../../src/bind/exchange.js';
import {startEwsSimulator, type EwsSimulator} from '../../src/simulators/ews/index.js';
import {startConnectProxy, type ConnectProxy} from '../helpers/connect-proxy.js';
import {
  exchangePassword as password,
  exchangeSettings,
  expectBindFailure,
  probeOptions,
} from '../helpers/exchange-probe.js';
import {closedLoopbackPort} from '../helpers/fixed-reply-server.js';
import {loopbackTls} from '../helpers/loopback-tls.js';

describe('validateExchange through a proxy', () => {
  let sim: EwsSimulator;
  let proxy: ConnectProxy;
  let dir: string;
  let caFile: string;
  before(async () => {
    sim = await startEwsSimulator({tls: loopbackTls});
    proxy = await startConnectProxy();
    dir = await mkdtemp(join(tmpdir(), 'mse-bind-proxy-'));
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, loopbackTls.cert);
  });
  after(async () => {
    await Promise.all([sim.close(), proxy.close()]);
    await rm(dir, {recursive: true, force: true});
  });

  const target = () => `127.0.0.1:${sim.port}`;

  it('tunnels both NTLM legs through one CONNECT with the proxy setting', async () => {
    const tunnelsBefore = proxy.tunnels.length;
    const opened = sim.connectionsOpened();
    const result = await validateExchange(
      exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm'}),
      password,
      probeOptions({caFile, proxyUrl: proxy.url}),
    );
    assert.equal(result.authScheme, 'ntlm');
    assert.deepEqual(proxy.tunnels.slice(tunnelsBefore), [target()]);
    assert.equal(sim.connectionsOpened() - opened, 1);
  });

  it('honours HTTPS_PROXY, and NO_PROXY for the host', async () => {
    const tunnelsBefore = proxy.tunnels.length;
    await validateExchange(
      exchangeSettings(sim.ewsUrl),
      password,
      probeOptions({caFile, env: {HTTPS_PROXY: proxy.url}}),
    );
    assert.equal(proxy.tunnels.length, tunnelsBefore + 1);

    await validateExchange(
      exchangeSettings(sim.ewsUrl),
      password,
      probeOptions({caFile, env: {HTTPS_PROXY: proxy.url, NO_PROXY: 'localhost,127.0.0.1'}}),
    );
    assert.equal(proxy.tunnels.length, tunnelsBefore + 1);
  });

  it('reports a proxy that refuses the tunnel, without its password', async () => {
    const refusing = await startConnectProxy({refuseWith: 407});
    try {
      const proxyUrl = refusing.url.replace('http://', 'http://squid:Proxy-Secret-9@');
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(sim.ewsUrl),
          password,
          probeOptions({caFile, env: {HTTPS_PROXY: proxyUrl}}),
        ),
        'network',
        [password, 'Proxy-Secret-9'],
      );
      assert.match(error.message, /refused to connect to 127\.0\.0\.1:\d+ \(HTTP 407\)/);
      assert.equal(error.setting, 'proxyUrl');
    } finally {
      await refusing.close();
    }
  });

  it('reports a proxy that is not there', async () => {
    const port = await closedLoopbackPort();
    const error = await expectBindFailure(
      validateExchange(
        exchangeSettings(sim.ewsUrl),
        password,
        probeOptions({caFile, env: {https_proxy: `127.0.0.1:${port}`}}),
      ),
      'network',
    );
    assert.match(error.message, new RegExp(`through the proxy 127\\.0\\.0\\.1:${port}`));
    assert.equal(error.setting, 'proxyUrl');
  });

  it('refuses a proxy setting that is not an http URL, before any request', async () => {
    const before = sim.requests.length;
    const error = await expectBindFailure(
      validateExchange(
        exchangeSettings(sim.ewsUrl),
        password,
        probeOptions({caFile, proxyUrl: 'socks5://127.0.0.1:1080'}),
      ),
      'input',
    );
    assert.equal(error.setting, 'proxyUrl');
    assert.equal(sim.requests.length, before);
  });
});

describe('validateExchange certificate checks', () => {
  it('stay on when NODE_TLS_REJECT_UNAUTHORIZED=0 is set', async () => {
    const sim = await startEwsSimulator({tls: loopbackTls});
    const saved = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const savedWarning = process.emitWarning;
    // Node warns once that the variable makes TLS insecure; the probe must not be.
    process.emitWarning = () => undefined;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const error = await expectBindFailure(
        validateExchange(exchangeSettings(sim.ewsUrl), password, probeOptions({caFile: ''})),
        'tls',
      );
      assert.equal(error.setting, 'caFile');
      assert.equal(sim.requests.length, 0);
    } finally {
      if (saved === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = saved;
      process.emitWarning = savedWarning;
      await sim.close();
    }
  });
});
