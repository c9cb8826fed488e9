import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {Agent, request} from 'undici';
import {noNetworkEnvironment} from '../../../src/bind/http/index.js';
import {findAccount, registerBinding} from '../../../src/bind/mimecast/index.js';
import type {BindResult} from '../../../src/bind/pipeline.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
  type MimecastSimulatorOptions,
} from '../../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {caFileOf, demoBindArgs, demoMimecast, trustSimulator} from '../../helpers/mimecast-demo.js';
import {bindMimecastSteps} from '../../helpers/mimecast-steps.js';

/**
 * A bind from a computer whose clock is off Mimecast's. Login carries the password, not a
 * signature, so it succeeds whatever the clock; the signed calls after it are refused for
 * their time. Step 1 compares the clock with discovery's Date and stops before any login;
 * a skew it lets through still leaves no binding behind, because the clean-up logout is
 * signed with Mimecast's time.
 */
const admin = demoMimecast.admin;
const minute = 60_000;
let shared: MimecastSimulator;

before(async () => {
  shared = await startMimecastSimulator();
});
after(async () => {
  await shared.close();
});

/** This computer's clock, `minutes` behind the real one (the simulator's). */
function behindBy(minutes: number): () => Date {
  return () => new Date(Date.now() - minutes * minute);
}

async function withSimulator<T>(
  options: MimecastSimulatorOptions,
  work: (simulator: MimecastSimulator) => Promise<T>,
): Promise<T> {
  const simulator = await startMimecastSimulator(options);
  try {
    return await work(simulator);
  } finally {
    await simulator.close();
  }
}

/** Steps 1 and 2 of the pipeline, the Mimecast calls on a clock of their own. */
function bindWithClock(simulator: MimecastSimulator, now: () => Date): Promise<BindResult> {
  return bindMimecastSteps(simulator.discoveryUrl, {
    network: {caFile: caFileOf(simulator.caCertificate), proxyUrl: ''},
    env: noNetworkEnvironment,
    now,
  });
}

function logins(simulator: MimecastSimulator): number {
  return simulator.requests().filter((sent) => sent.path === '/api/login/login').length;
}

test("the simulator's replies carry a Date header of its own clock", async () => {
  const clock = new Date('2026-05-04T08:00:00Z');
  await withSimulator({now: () => clock}, async (simulator) => {
    const trusting = new Agent({connect: {ca: simulator.caCertificate}});
    try {
      const reply = await request(`${simulator.discoveryUrl}/api/login/discover-authentication`, {
        method: 'POST',
        headers: {'x-mc-app-id': demoMimecast.appId, 'content-type': 'application/json'},
        body: JSON.stringify({data: [{emailAddress: admin.email}]}),
        dispatcher: trusting,
      });
      await reply.body.dump();
      assert.equal(reply.headers.date, 'Mon, 04 May 2026 08:00:00 GMT');
    } finally {
      await trusting.close();
    }
  });
});

test('step 1 stops a clock an hour off, naming the skew and the fix, before a login', async () => {
  const before = logins(shared);
  const error = await rejectsWithClass(
    findAccount({
      discoveryUrl: shared.discoveryUrl,
      appId: demoMimecast.appId,
      email: admin.email,
      signal: new AbortController().signal,
      now: behindBy(60),
      ...trustSimulator(shared),
    }),
    'credentials',
  );
  assert.match(error.message, /this computer's clock is about 60 minutes behind Mimecast's/);
  assert.match(error.message, /more than about 5 minutes off, so the bind stopped/);
  assert.match(error.fix, /Set this computer's clock right and turn on time synchronisation/);
  assert.equal(error.setting, undefined, 'no site setting is at fault');
  assert.equal(logins(shared), before, 'a login was sent');
});

test('a clock ahead is named as ahead; one within the limit passes step 1', async () => {
  const ahead = () => new Date(Date.now() + 20 * minute);
  const args = {
    discoveryUrl: shared.discoveryUrl,
    appId: demoMimecast.appId,
    email: admin.email,
    signal: new AbortController().signal,
    ...trustSimulator(shared),
  };
  const error = await rejectsWithClass(findAccount({...args, now: ahead}), 'credentials');
  assert.match(error.message, /about 20 minutes ahead of Mimecast's/);
  const found = await findAccount({...args, now: behindBy(3)});
  assert.equal(found.regionApi, shared.regionApi);
});

test('a whole bind with a clock an hour off fails in step 1 and leaves no binding', async () => {
  await withSimulator({}, async (simulator) => {
    const result = await bindWithClock(simulator, behindBy(60));
    assert.ok(!result.ok);
    assert.equal(result.step, 1);
    assert.equal(result.error.errorClass, 'credentials');
    assert.match(result.error.message, /clock is about 60 minutes behind Mimecast's/);
    assert.match(result.error.fix, /time synchronisation/);
    assert.equal(logins(simulator), 0);
    assert.deepEqual(simulator.bindingsFor(admin.email), []);
  });
});

test('a skew step 1 lets through but Mimecast refuses: the binding is logged out', async () => {
  // Mimecast's window is not published: here it is narrower than the client's limit.
  await withSimulator({maxClockSkewMs: minute}, async (simulator) => {
    const result = await bindWithClock(simulator, behindBy(3));
    assert.ok(!result.ok);
    assert.equal(result.step, 2);
    assert.equal(result.error.errorClass, 'credentials');
    assert.match(result.error.message, /refused the request's time stamp/);
    assert.match(result.error.message, /clock is about 3 minutes off Mimecast's/);
    assert.match(result.error.fix, /Set this computer's clock right/);

    const calls = simulator.requests().map((sent) => [sent.path, sent.status]);
    assert.deepEqual(calls.slice(-3), [
      ['/api/login/login', 200],
      ['/api/account/get-account', 401],
      ['/api/login/logout', 200],
    ]);
    assert.deepEqual(simulator.bindingsFor(admin.email), [], 'the binding stayed at Mimecast');
  });
});

test('step 2 alone with a clock an hour off logs out the binding it made', async () => {
  await withSimulator({}, async (simulator) => {
    const error = await rejectsWithClass(
      registerBinding(demoBindArgs(simulator, {now: behindBy(60)})),
      'credentials',
    );
    assert.match(error.message, /clock is about 60 minutes off Mimecast's/);
    assert.equal(simulator.requests().at(-1)?.path, '/api/login/logout');
    assert.equal(simulator.requests().at(-1)?.status, 200);
    assert.deepEqual(simulator.bindingsFor(admin.email), []);
  });
});
