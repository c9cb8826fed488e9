import assert from 'node:assert/strict';
import {test} from 'node:test';
import {BindError} from '../../../src/bind/errors.js';
import {
  bypassesProxy,
  chooseProxy,
  networkEnvironment,
  noNetworkEnvironment,
  parseProxySetting,
} from '../../../src/bind/http/index.js';

const api = new URL('https://eu-api.mimecast.com');

test('NO_PROXY matches hosts, domains with or without a dot or star, ports, and *', () => {
  assert.equal(bypassesProxy(api, 'eu-api.mimecast.com'), true);
  assert.equal(bypassesProxy(api, 'mimecast.com'), true);
  assert.equal(bypassesProxy(api, '.mimecast.com'), true);
  assert.equal(bypassesProxy(api, '*.mimecast.com'), true);
  assert.equal(bypassesProxy(api, 'intranet.local, mimecast.com:443'), true);
  assert.equal(bypassesProxy(api, 'mimecast.com:8443'), false);
  assert.equal(bypassesProxy(api, 'cast.com'), false);
  assert.equal(bypassesProxy(api, '*'), true);
  assert.equal(bypassesProxy(api, ''), false);
  assert.equal(bypassesProxy(new URL('https://[::1]:9/'), '[::1]'), true);
  assert.equal(bypassesProxy(new URL('https://127.0.0.1:9/'), '127.0.0.1'), true);
});

test('the proxy setting wins over HTTPS_PROXY, and NO_PROXY applies to both', () => {
  const env = {...noNetworkEnvironment, httpsProxy: 'http://env-proxy:3128'};
  assert.equal(chooseProxy(api, '', env)?.label, 'env-proxy:3128');
  assert.equal(chooseProxy(api, '', env)?.source, 'HTTPS_PROXY');
  assert.equal(chooseProxy(api, 'http://set-proxy:8080', env)?.label, 'set-proxy:8080');
  assert.equal(chooseProxy(api, 'set-proxy:8080', env)?.url.protocol, 'http:');
  assert.equal(chooseProxy(api, 'http://set-proxy:8080', {...env, noProxy: 'mimecast.com'}), null);
  assert.equal(chooseProxy(api, '', noNetworkEnvironment), null);
});

test('a proxy setting with a password or a path is refused, naming the setting', () => {
  for (const setting of [
    'http://user:Proxy-Secret-1@proxy:8080',
    'http://proxy:8080/path',
    'ftp://p',
  ]) {
    try {
      chooseProxy(api, setting, noNetworkEnvironment);
      assert.fail(`${setting} was accepted`);
    } catch (error) {
      assert.ok(error instanceof BindError);
      assert.equal(error.errorClass, 'input');
      assert.equal(error.setting, 'proxyUrl');
      assert.ok(!error.message.includes('Proxy-Secret-1'));
    }
  }
});

test('an HTTPS_PROXY with credentials is used, and only host:port is ever shown', () => {
  const env = {...noNetworkEnvironment, httpsProxy: 'http://me:Env-Secret-2@proxy.corp:3128'};
  const route = chooseProxy(api, '', env);
  assert.equal(route?.label, 'proxy.corp:3128');
  assert.equal(route?.url.password, 'Env-Secret-2');
});

test('lower-case variables win, as in curl; HTTP_PROXY is not read for https', () => {
  const env = networkEnvironment({
    https_proxy: 'http://lower:1',
    HTTPS_PROXY: 'http://upper:2',
    HTTP_PROXY: 'http://plain:3',
    NO_PROXY: 'a.example',
    NODE_EXTRA_CA_CERTS: '/x.pem',
  });
  assert.deepEqual(env, {
    httpsProxy: 'http://lower:1',
    httpProxy: 'http://plain:3',
    noProxy: 'a.example',
    extraCaFile: '/x.pem',
  });
  assert.equal(networkEnvironment({HTTP_PROXY: 'http://plain:3'}).httpsProxy, '');
});

test('an http:// URL (Autodiscover) goes through HTTP_PROXY, never HTTPS_PROXY', () => {
  const plain = new URL('http://autodiscover.contoso.example/autodiscover/autodiscover.xml');
  const env = networkEnvironment({HTTPS_PROXY: 'http://secure:1', HTTP_PROXY: 'http://plain:2'});
  assert.equal(chooseProxy(plain, '', env)?.label, 'plain:2');
  assert.equal(chooseProxy(plain, '', env)?.source, 'HTTP_PROXY');
  assert.equal(chooseProxy(plain, '', networkEnvironment({HTTPS_PROXY: 'http://s:1'})), null);
});

test('a file path, a file name, a fragment or port 0 is no proxy address', () => {
  const cases: Array<[string, RegExp]> = [
    ['/etc/ssl/proxy.pem', /looks like a file path/],
    ['C:\\certs\\proxy.pem', /looks like a file path/],
    ['\\\\server\\share\\proxy.pac', /looks like a file path/],
    ['~/proxy.pem', /looks like a file path/],
    ['proxy.pem', /looks like a file name \(proxy\.pem\)/],
    ['http://127.0.0.1:3128#x', /host and port only/],
    ['C:#x', /host and port only/],
    ['proxy.example:0', /port 0/],
  ];
  for (const [setting, why] of cases) {
    try {
      parseProxySetting(setting);
      assert.fail(`${setting} was accepted`);
    } catch (error) {
      assert.ok(error instanceof BindError, String(error));
      assert.equal(error.setting, 'proxyUrl');
      assert.match(error.message, why, setting);
    }
  }
  assert.equal(parseProxySetting('proxy.corp.example:3128')?.label, 'proxy.corp.example:3128');
  assert.equal(parseProxySetting('https://[::1]:3129')?.label, '[::1]:3129');
});
