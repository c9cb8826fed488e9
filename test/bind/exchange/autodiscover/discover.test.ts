import assert from 'node:assert/strict';
import {describe, it} from 'node:test';
import type {Dispatcher} from 'undici';

import {BindError} from '../../../../src/bind/errors.js';
import {documentedCandidates} from '../../../../src/bind/exchange/autodiscover/candidates.js';
import {discoverEwsUrl} from '../../../../src/bind/exchange/autodiscover/discover.js';
import {summariseTried} from '../../../../src/bind/exchange/autodiscover/nothing-found.js';
import type {Transport} from '../../../../src/bind/exchange/transport.js';

/**
 * A network on which no Autodiscover host exists: every request fails as the system resolver
 * fails a name it does not know. It records which URLs were asked for.
 */
function unknownNames(asked: string[]): Transport {
  const dispatcherFor = (url: URL) =>
    ({
      request: async () => {
        asked.push(url.href);
        throw Object.assign(new Error(`getaddrinfo ENOTFOUND ${url.hostname}`), {
          code: 'ENOTFOUND',
          hostname: url.hostname,
        });
      },
    }) as unknown as Dispatcher;
  return {
    dispatcherFor,
    proxyFor: () => null,
    connectionsTo: () => 0,
    progressOf: () => 'connecting',
    connectTimeoutMs: 1_000,
    destroy: async () => undefined,
    abandonPending: () => undefined,
  };
}

describe('discoverEwsUrl when no candidate host exists', () => {
  it('names each host once, and does not look up an unknown name twice', async () => {
    const asked: string[] = [];
    const target = {address: 'svc-mse@contoso.example', setting: 'exchangeUser'} as const;
    const error = await discoverEwsUrl(target, {
      transport: unknownNames(asked),
      credentials: {kind: 'password', scheme: 'basic', user: 'svc', password: 'Not-Shown-1'},
      candidates: documentedCandidates,
      resolveSrv: async () => [],
      candidateTimeoutMs: 1_000,
      signal: new AbortController().signal,
    }).then(
      () => assert.fail('nothing can be found'),
      (caught: unknown) => caught,
    );
    assert.ok(error instanceof BindError);
    assert.equal(
      error.message,
      'Autodiscover found no EWS URL for svc-mse@contoso.example. Tried: ' +
        'contoso.example: name not found (ENOTFOUND); ' +
        'autodiscover.contoso.example: name not found (ENOTFOUND); ' +
        '_autodiscover._tcp.contoso.example: no SRV record.',
    );
    // The plain-http candidate shares its host with the https one that did not resolve.
    assert.deepEqual(asked, [
      'https://contoso.example/autodiscover/autodiscover.xml',
      'https://autodiscover.contoso.example/autodiscover/autodiscover.xml',
    ]);
    assert.doesNotMatch(error.message, /Not-Shown-1/);
  });
});

describe('summariseTried', () => {
  it('lists a host once, with its different failures in order and repeats dropped', () => {
    assert.equal(
      summariseTried([
        'autodiscover.contoso.example: connection refused (ECONNREFUSED)',
        'autodiscover.contoso.example: HTTP 404, no redirect',
        'contoso.example: HTTP 401 (sign-in refused)',
        'autodiscover.contoso.example: HTTP 404, no redirect',
        'redirect to the address a@b.example not followed',
      ]),
      'autodiscover.contoso.example: connection refused (ECONNREFUSED), then HTTP 404, no ' +
        'redirect; contoso.example: HTTP 401 (sign-in refused); redirect to the address ' +
        'a@b.example not followed',
    );
  });
});
