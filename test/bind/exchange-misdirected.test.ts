import assert from 'node:assert/strict';
import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
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
 * port, http:// to an HTTPS port, a port that accepts and stays silent. Each is told as what
 * it is, never as an untrusted certificate or an unreachable host.
 */
describe('validateExchange against a server spoken to the wrong way', () => {
  let plain: EwsSimulator;
  let secure: EwsSimulator;
  let silent: SilentServer;
  let dir: string;
  before(async () => {
    [plain, secure, silent] = await Promise.all([
      startEwsSimulator(),
      startEwsSimulator({tls: loopbackTls}),
      startSilentServer(),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'mse-bind-misdirected-'));
  });
  after(async () => {
    await Promise.all([plain.close(), secure.close(), silent.close()]);
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

  it('http:// to an HTTPS port: the server hung up, probably expecting https://', async () => {
    const url = secure.ewsUrl.replace('https://', 'http://');
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(url), password, probeOptions()),
      'network',
    );
    assert.match(error.message, /^Exchange at 127\.0\.0\.1:\d+ closed the connection without/);
    assert.match(error.message, /probably because it expects https:\/\/ on that port\.$/);
    assert.match(error.fix, new RegExp(`https://127\\.0\\.0\\.1:${secure.port}`));
    assert.equal(error.setting, 'ewsUrl');
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

  it('a silent server on http://: connected, no answer in time', async () => {
    const url = `http://127.0.0.1:${silent.port}/EWS/Exchange.asmx`;
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(url), password, probeOptions({timeoutMs: 400})),
      'network',
    );
    assert.equal(
      error.message,
      `Exchange at 127.0.0.1:${silent.port} accepted the connection but did not answer within ` +
        '400 ms.',
    );
    await silent.allClosed();
  });

  it('does not read the CA file for a probe over plain http://', async () => {
    const missing = join(dir, 'no-such-ca.pem');
    const result = await validateExchange(
      exchangeSettings(plain.ewsUrl),
      password,
      probeOptions({caFile: missing}),
    );
    assert.match(result.fact, /mailbox root readable/);

    // Over https:// the same CA file is read, and its absence is the failure.
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(secure.ewsUrl), password, probeOptions({caFile: missing})),
      'input',
    );
    assert.equal(error.setting, 'caFile');
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
