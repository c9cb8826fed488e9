import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {defaultTimeoutMs, findAccount} from '../../../src/bind/mimecast/index.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {demoMimecast, trustSimulator} from '../../helpers/mimecast-demo.js';

/**
 * A Mimecast call given no timeout of its own waits the default, 15 s, for a server that took
 * the request and never answers. This file waits it out for real, once; it has nothing else
 * in it, so the runner keeps the other files going beside it.
 */
let simulator: MimecastSimulator;

before(async () => {
  simulator = await startMimecastSimulator();
  simulator.setReplyDelay(10 * 60_000);
});
after(async () => {
  await simulator.close();
});

test(
  'a server that never answers fails as a network timeout after the default 15 s',
  {timeout: 25_000},
  async () => {
    assert.equal(defaultTimeoutMs, 15_000);
    const host = new URL(simulator.discoveryUrl).host;
    const started = Date.now();
    const error = await rejectsWithClass(
      findAccount({
        discoveryUrl: simulator.discoveryUrl,
        appId: demoMimecast.appId,
        email: demoMimecast.admin.email,
        signal: new AbortController().signal,
        ...trustSimulator(simulator),
      }),
      'network',
    );
    const waited = Date.now() - started;
    assert.equal(
      error.message,
      `Mimecast discovery at ${host}: no answer from ${host} within 15 s.`,
    );
    assert.ok(waited >= defaultTimeoutMs - 50, `gave up after ${waited} ms`);
    assert.ok(waited < defaultTimeoutMs + 3_000, `waited ${waited} ms`);
    // The abort closes the socket; the server hears of it a moment later.
    const deadline = Date.now() + 2_000;
    while (simulator.openConnections() > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    assert.equal(simulator.openConnections(), 0, 'the request left its connection open');
  },
);
