import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  documentedCandidates,
  srvCandidate,
  systemSrvResolver,
} from '../../../../src/bind/exchange/autodiscover/candidates.js';
import {BindError} from '../../../../src/bind/errors.js';

describe('documentedCandidates', () => {
  it('lists the domain, autodiscover., the http redirect check, then SRV', () => {
    const candidates = documentedCandidates('contoso.example').map((candidate) =>
      candidate.kind === 'srv'
        ? `srv ${candidate.name}`
        : `${candidate.kind} ${candidate.url.href}`,
    );
    assert.deepEqual(candidates, [
      'post https://contoso.example/autodiscover/autodiscover.xml',
      'post https://autodiscover.contoso.example/autodiscover/autodiscover.xml',
      'http-redirect http://autodiscover.contoso.example/autodiscover/autodiscover.xml',
      'srv _autodiscover._tcp.contoso.example',
    ]);
  });
});

describe('srvCandidate', () => {
  it('takes the lowest priority, then the highest weight, over https', () => {
    const url = srvCandidate([
      {name: 'b.contoso.example', port: 443, priority: 10, weight: 5},
      {name: 'c.contoso.example', port: 8443, priority: 10, weight: 50},
      {name: 'a.contoso.example', port: 443, priority: 20, weight: 100},
    ]);
    assert.equal(url?.href, 'https://c.contoso.example:8443/autodiscover/autodiscover.xml');
    assert.equal(srvCandidate([]), null);
  });
});

describe('systemSrvResolver', () => {
  it('is cancelled by an aborted signal before asking', async () => {
    await assert.rejects(
      systemSrvResolver('_autodiscover._tcp.contoso.example', AbortSignal.abort()),
      (error: unknown) => error instanceof BindError && error.errorClass === 'cancelled',
    );
  });
});
