import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {BindError} from '../../../src/bind/errors.js';
import {chooseProxy, parseProxySetting} from '../../../src/bind/exchange/proxy-choice.js';

const ews = new URL('https://mail.contoso.example/EWS/Exchange.asmx');
const loopback = new URL('http://127.0.0.1:8080/EWS/Exchange.asmx');

describe('chooseProxy', () => {
  it('prefers the setting to the environment', () => {
    const choice = chooseProxy(ews, 'http://proxy.contoso.example:3128', {
      HTTPS_PROXY: 'http://other:1',
    });
    assert.equal(choice?.label, 'proxy.contoso.example:3128');
    assert.equal(choice?.source, 'the proxy setting');
  });

  it('reads HTTPS_PROXY for https and HTTP_PROXY for http, lower case first', () => {
    assert.equal(
      chooseProxy(ews, '', {https_proxy: 'http://a:1', HTTPS_PROXY: 'http://b:2'})?.label,
      'a:1',
    );
    assert.equal(chooseProxy(ews, '', {HTTP_PROXY: 'http://c:3'})?.label, 'c:3');
    assert.equal(chooseProxy(loopback, '', {HTTPS_PROXY: 'http://a:1'}), null);
    assert.equal(chooseProxy(ews, '', {}), null);
  });

  it('takes a bare host:port as an http proxy and never shows its password', () => {
    assert.equal(chooseProxy(ews, '', {HTTPS_PROXY: 'proxy:8080'})?.url.href, 'http://proxy:8080/');
    const withUser = chooseProxy(ews, '', {HTTPS_PROXY: 'http://u:Secret-1@proxy:8080'});
    assert.equal(withUser?.label, 'proxy:8080');
    assert.throws(
      () => chooseProxy(ews, 'http://u:Secret-1@proxy:8080', {}),
      (error: unknown) =>
        error instanceof BindError &&
        !error.message.includes('Secret-1') &&
        error.setting === 'proxyUrl',
    );
  });

  it('skips hosts NO_PROXY names: exact, domain suffix, wildcard, port', () => {
    const env = (noProxy: string) => ({HTTPS_PROXY: 'http://proxy:1', NO_PROXY: noProxy});
    assert.equal(chooseProxy(ews, '', env('mail.contoso.example')), null);
    assert.equal(chooseProxy(ews, '', env('.contoso.example')), null);
    assert.equal(chooseProxy(ews, '', env('contoso.example')), null);
    assert.equal(chooseProxy(ews, '', env('*')), null);
    assert.equal(chooseProxy(ews, '', env('mail.contoso.example:443')), null);
    assert.notEqual(chooseProxy(ews, '', env('mail.contoso.example:8443')), null);
    assert.notEqual(chooseProxy(ews, '', env('notcontoso.example, fabrikam.example')), null);
    assert.equal(chooseProxy(ews, 'http://proxy:1', {NO_PROXY: '.contoso.example'}), null);
  });

  it('refuses what is not an http proxy, naming the field', () => {
    for (const setting of ['socks5://proxy:1080', 'http://', '::::']) {
      assert.throws(
        () => parseProxySetting(setting),
        (error: unknown) => error instanceof BindError && error.setting === 'proxyUrl',
        setting,
      );
    }
    assert.equal(parseProxySetting('  '), null);
  });
});
