import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {createServer, type AddressInfo, type Server} from 'node:net';
import {after, before, describe, it} from 'node:test';

import {validateExchange} from '../../src/bind/exchange.js';
import {startEwsSimulator, type EwsSimulator} from '../../src/simulators/ews/index.js';
import {
  exchangePassword as password,
  exchangeSettings,
  expectBindFailure,
  probeOptions,
} from '../helpers/exchange-probe.js';
import {loopbackTls} from '../helpers/loopback-tls.js';
import {startSilentServer, type SilentServer} from '../helpers/silent-server.js';

/**
 * An EWS URL that reaches a server, but not the way the URL says: https:// to a plain-HTTP
 * port, a port that accepts and stays silent or hangs up in the handshake. Each is told as
 * what it is, never as an untrusted certificate or an unreachable host. An http:// URL is
 * never spoken to at all.
 */
describe('validateExchange against a server spoken to the wrong way', () => {
  let plain: EwsSimulator;
  let secure: EwsSimulator;
  let silent: SilentServer;
  let hangingUp: Server;
  let hangingUpPort: number;
  let dir: string;
  before(async () => {
    [plain, secure, silent] = await Promise.all([
      startEwsSimulator(),
      startEwsSimulator({tls: loopbackTls}),
      startSilentServer(),
    ]);
    // Takes the connection, then closes it at the first bytes of the TLS hello.
    hangingUp = createServer((socket) => socket.once('data', () => socket.destroy()));
    await new Promise<void>((resolve) => hangingUp.listen(0, '127.0.0.1', resolve));
    hangingUpPort = (hangingUp.address() as AddressInfo).port;
    dir = await mkdtemp(join(tmpdir(), 'mse-bind-misdirected-'));
  });
  after(async () => {
    await Promise.all([plain.close(), secure.close(), silent.close()]);
    await new Promise((resolve) => hangingUp.close(resolve));
    await rm(dir, {recursive: true, force: true});
  });

  it('https:// to a plain-HTTP port: the port does not speak TLS, fix the URL', async () => {
    const url = plain.ewsUrl.replace('http://', 'https://');
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(url), password, probeOptions()),
      'tls',
    );
    assert.equal(
      error.message,
      `Exchange at 127.0.0.1 does not speak TLS on port ${plain.port}: it answered the TLS ` +
        'handshake in plain text (ERR_SSL_WRONG_VERSION_NUMBER).',
    );
    assert.equal(error.setting, 'ewsUrl');
    assert.doesNotMatch(`${error.message} ${error.fix}`, /certificate|CA file|trusted/i);
  });

  it('http:// is refused before anything is sent, to a loopback host too', async () => {
    const opened = plain.connectionsOpened();
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(plain.ewsUrl), password, probeOptions()),
      'input',
    );
    assert.equal(
      error.message,
      `The EWS URL (${plain.ewsUrl}) must use https://; plain http:// is refused.`,
    );
    assert.equal(error.setting, 'ewsUrl');
    assert.equal(plain.connectionsOpened(), opened);
  });

  it('a server that accepts and says nothing: connected, no TLS handshake in time', async () => {
    const url = `https://127.0.0.1:${silent.port}/EWS/Exchange.asmx`;
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(url), password, probeOptions({timeoutMs: 400})),
      'network',
    );
    assert.ok(silent.connections() > 0, 'the connection was accepted');
    assert.equal(
      error.message,
      `Exchange at 127.0.0.1:${silent.port} accepted the connection but did not complete the ` +
        'TLS handshake within 400 ms.',
    );
    assert.doesNotMatch(error.message, /Cannot reach|UND_ERR_CONNECT_TIMEOUT/);
    await silent.allClosed();
  });

  it('a server that hangs up in the TLS handshake: said as such, not as a certificate', async () => {
    const url = `https://127.0.0.1:${hangingUpPort}/EWS/Exchange.asmx`;
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(url), password, probeOptions()),
      'network',
    );
    assert.match(
      error.message,
      new RegExp(
        `^Exchange at 127\\.0\\.0\\.1:${hangingUpPort} closed the connection during the TLS ` +
          'handshake \\(ECONNRESET\\)\\.$',
      ),
    );
    assert.doesNotMatch(`${error.message} ${error.fix}`, /certificate|CA file/);
  });

  it('reads the CA file before the first connection', async () => {
    const missing = join(dir, 'no-such-ca.pem');
    const opened = secure.connectionsOpened();
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(secure.ewsUrl), password, probeOptions({caFile: missing})),
      'input',
    );
    assert.equal(error.setting, 'caFile');
    assert.equal(secure.connectionsOpened(), opened);
  });

  it('a proxy setting that is no address fails as the proxy setting, not as Exchange', async () => {
    for (const proxyUrl of ['C:#proxy', 'http://127.0.0.1:3128#x', 'proxy.pem']) {
      const error = await expectBindFailure(
        validateExchange(exchangeSettings(secure.ewsUrl), password, probeOptions({proxyUrl})),
        'input',
      );
      assert.equal(error.setting, 'proxyUrl', proxyUrl);
      assert.doesNotMatch(error.message, /Exchange/);
    }
  });
});
