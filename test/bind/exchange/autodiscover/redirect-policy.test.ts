import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  checkRedirect,
  maxAutodiscoverRedirects,
  newRedirectState,
} from '../../../../src/bind/exchange/autodiscover/redirect-policy.js';

const from = new URL('https://contoso.example/autodiscover/autodiscover.xml');

describe('checkRedirect', () => {
  it('follows https, relative locations included', () => {
    const state = newRedirectState();
    const next = checkRedirect(from, '/other/autodiscover.xml', state);
    assert.deepEqual(next, {
      ok: true,
      url: new URL('https://contoso.example/other/autodiscover.xml'),
    });
    assert.equal(state.redirects, 1);
  });

  it('refuses http, credentials in the URL and an invalid URL', () => {
    const state = newRedirectState();
    assert.deepEqual(checkRedirect(from, 'http://autodiscover.contoso.example/a.xml', state), {
      ok: false,
      reason: 'redirect to http:// refused',
    });
    assert.equal(checkRedirect(from, 'https://u:p@x.example/', state).ok, false);
    assert.equal(checkRedirect(from, 'https://[bad', state).ok, false);
    assert.equal(state.redirects, 0);
  });

  it('refuses a URL already asked, and stops after the bound', () => {
    const state = newRedirectState();
    state.seen.add('https://a.example/x.xml');
    assert.deepEqual(checkRedirect(from, 'https://a.example/x.xml', state), {
      ok: false,
      reason: 'redirect loop',
    });
    for (let hop = 0; hop < maxAutodiscoverRedirects; hop += 1) {
      assert.equal(checkRedirect(from, `https://hop${hop}.example/`, state).ok, true);
    }
    assert.deepEqual(checkRedirect(from, 'https://one-more.example/', state), {
      ok: false,
      reason: `more than ${maxAutodiscoverRedirects} redirects`,
    });
  });
});
