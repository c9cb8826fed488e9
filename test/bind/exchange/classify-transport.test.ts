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
  it('maps certificate failures to tls at the CA file', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ]) {
      const error = classifyTransportError(exchange, codedError(code));
      assert.equal(error.errorClass, 'tls', code);
      assert.equal(error.setting, 'caFile');
    }
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
