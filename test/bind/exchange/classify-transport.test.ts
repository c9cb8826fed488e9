import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  classifyTransportError,
  timeoutError,
  type TransportTarget,
} from '../../../src/bind/exchange/classify-transport.js';

const exchange: TransportTarget = {
  url: new URL('https://mail.contoso.example/EWS/Exchange.asmx'),
  service: 'Exchange',
  setting: 'ewsUrl',
  proxy: null,
};
const proxied: TransportTarget = {...exchange, proxy: 'proxy.contoso.example:3128'};

function codedError(code: string, message = `failed: ${code}`): Error {
  return Object.assign(new Error(message), {code});
}

describe('classifyTransportError', () => {
  it('says a proxy that never answers the tunnel request did not answer it', () => {
    const error = classifyTransportError(proxied, codedError('UND_ERR_HEADERS_TIMEOUT'));
    assert.equal(error.errorClass, 'network');
    assert.equal(error.setting, 'proxyUrl');
    assert.match(
      error.message,
      /proxy proxy\.contoso\.example:3128 did not answer the request for a tunnel \(CONNECT\)/,
    );
  });

  it('sends an untrusted certificate to the CA file, and no other TLS failure', () => {
    const untrusted = classifyTransportError(exchange, codedError('DEPTH_ZERO_SELF_SIGNED_CERT'));
    assert.equal(untrusted.errorClass, 'tls');
    assert.equal(untrusted.setting, 'caFile');

    const otherName = classifyTransportError(exchange, codedError('ERR_TLS_CERT_ALTNAME_INVALID'));
    assert.equal(otherName.errorClass, 'tls');
    assert.equal(otherName.setting, 'ewsUrl');
    assert.match(otherName.message, /not issued for mail\.contoso\.example/);

    const expired = classifyTransportError(exchange, codedError('CERT_HAS_EXPIRED'));
    assert.equal(expired.errorClass, 'tls');
    assert.match(expired.message, /outside its validity dates/);
    assert.doesNotMatch(expired.fix, /CA file/);
  });

  it('tells a port that answers TLS in plain text from a certificate problem', () => {
    const openSsl = 'error:0A00010B:SSL routines:ssl3_get_record:wrong version number';
    for (const error of [
      codedError('ERR_SSL_WRONG_VERSION_NUMBER', openSsl),
      codedError('ERR_SSL_PACKET_LENGTH_TOO_LONG'),
      codedError('EPROTO', `write EPROTO ${openSsl}`),
      new Error('fetch failed', {cause: codedError('ERR_SSL_WRONG_VERSION_NUMBER')}),
    ]) {
      const classified = classifyTransportError(exchange, error);
      assert.equal(classified.errorClass, 'tls');
      assert.equal(classified.setting, 'ewsUrl');
      assert.match(classified.message, /^Exchange at mail\.contoso\.example does not speak TLS/);
      assert.match(classified.message, /on port 443: it answered the TLS handshake in plain text/);
      assert.doesNotMatch(`${classified.message} ${classified.fix}`, /certificate|CA file/i);
      assert.match(classified.fix, /scheme and the port/);
    }

    // Another handshake failure is still a handshake failure, not a plain-text port.
    const alert = classifyTransportError(
      exchange,
      codedError('EPROTO', 'error:0A000410:SSL routines::sslv3 alert handshake failure'),
    );
    assert.match(alert.message, /^The TLS handshake with mail\.contoso\.example failed \(EPROTO\)/);
  });

  it('tells a connect timeout by how far the connection got', () => {
    const timedOut = codedError('UND_ERR_CONNECT_TIMEOUT', 'Connect Timeout Error');
    const silent = classifyTransportError(exchange, timedOut, {
      progress: 'tcp-connected',
      connectTimeoutMs: 10_000,
    });
    assert.equal(
      silent.message,
      'Exchange at mail.contoso.example accepted the connection but did not complete the TLS ' +
        'handshake within 10 s.',
    );
    assert.equal(silent.setting, 'ewsUrl');

    const dropped = classifyTransportError(exchange, timedOut, {
      progress: 'connecting',
      connectTimeoutMs: 5_000,
    });
    assert.match(dropped.message, /did not accept a TCP connection within 5 s/);

    const overall = timeoutError(exchange, 15_000, 'tcp-connected');
    assert.match(
      overall.message,
      /accepted the connection but did not complete the TLS handshake within 15 s/,
    );
    const answered = timeoutError(exchange, 15_000, 'secured');
    assert.match(answered.message, /accepted the connection but did not answer within 15 s/);
  });

  it('blames the proxy setting when undici refuses the proxy address', () => {
    const error = classifyTransportError(proxied, codedError('UND_ERR_INVALID_ARG', 'invalid url'));
    assert.equal(error.errorClass, 'input');
    assert.equal(error.setting, 'proxyUrl');
    assert.doesNotMatch(error.message, /Cannot reach Exchange/);
  });

  it('maps connection failures to network, reading a wrapped cause too', () => {
    const wrapped = new Error('fetch failed', {cause: codedError('ECONNREFUSED')});
    const error = classifyTransportError(exchange, wrapped);
    assert.equal(error.errorClass, 'network');
    assert.match(error.message, /Cannot reach Exchange at mail\.contoso\.example \(ECONNREFUSED\)/);
    assert.equal(error.setting, 'ewsUrl');

    const unknownHost = classifyTransportError(exchange, codedError('ENOTFOUND'));
    assert.match(unknownHost.message, /mail\.contoso\.example cannot be found/);
  });

  it('names the proxy when the connection went through one', () => {
    const refused = classifyTransportError(proxied, codedError('ECONNREFUSED'));
    assert.match(refused.message, /through the proxy proxy\.contoso\.example:3128/);
    assert.equal(refused.setting, 'proxyUrl');

    const tunnel = classifyTransportError(
      proxied,
      codedError('UND_ERR_ABORTED', 'Proxy response (403) !== 200 when HTTP Tunneling'),
    );
    assert.match(tunnel.message, /refused to connect to mail\.contoso\.example \(HTTP 403\)/);
  });

  it('says which service did not answer in time', () => {
    const entra: TransportTarget = {
      url: new URL('https://login.microsoftonline.com/x/oauth2/v2.0/token'),
      service: 'Entra ID',
      setting: 'exchangeAuthority',
      proxy: null,
    };
    const error = timeoutError(entra, 15_000);
    assert.match(
      error.message,
      /^Entra ID at login\.microsoftonline\.com did not answer within 15 s/,
    );
    assert.equal(error.setting, 'exchangeAuthority');
  });
});
