import assert from 'node:assert/strict';
import {subscribe, unsubscribe} from 'node:diagnostics_channel';
import {after, before, describe, it} from 'node:test';

import {validateExchange} from '../../src/bind/exchange.js';
import {
  demoOrganisation,
  startEwsSimulator,
  type EwsSimulator,
} from '../../src/simulators/ews/index.js';
import {
  exchangePassword as password,
  exchangeSettings,
  exchangeUser as user,
  expectBindFailure,
  probeOptions,
} from '../helpers/exchange-probe.js';
import {loopbackTls} from '../helpers/loopback-tls.js';

const alice = 'alice@contoso.example';
const bob = 'bob@contoso.example';

/** Counts the TCP connections undici opens while the callback runs. */
async function countingConnections<T>(run: () => Promise<T>): Promise<{result: T; count: number}> {
  let count = 0;
  const onConnected = () => {
    count += 1;
  };
  subscribe('undici:client:connected', onConnected);
  try {
    return {result: await run(), count};
  } finally {
    unsubscribe('undici:client:connected', onConnected);
  }
}

describe('validateExchange with NTLM', () => {
  let sim: EwsSimulator;
  before(async () => {
    sim = await startEwsSimulator({tls: loopbackTls, basicEnabled: false});
  });
  after(() => sim.close());

  it('runs both legs on one connection and reads the own mailbox', async () => {
    const before = sim.requests.length;
    const openedBefore = sim.connectionsOpened();
    const {result, count} = await countingConnections(() =>
      validateExchange(
        exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm'}),
        password,
        probeOptions(),
      ),
    );

    assert.equal(result.authScheme, 'ntlm');
    assert.match(result.fact, /mailbox root readable \(own mailbox of svc-mse@contoso\.example\)/);
    const legs = sim.requests.slice(before);
    assert.deepEqual(
      legs.map((leg) => [leg.authScheme, leg.status]),
      [
        ['NTLM', 401],
        ['NTLM', 200],
      ],
    );
    assert.equal(legs[0]?.connectionId, legs[1]?.connectionId);
    assert.equal(legs[1]?.user, user);
    assert.equal(sim.connectionsOpened() - openedBefore, 1);
    assert.equal(count, 1);
  });

  it('signs in as DOMAIN\\user too', async () => {
    const settings = exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm', user: 'CONTOSO\\svc-mse'});
    const result = await validateExchange(settings, password, probeOptions());
    assert.equal(result.authScheme, 'ntlm');
    assert.equal(sim.requests.at(-1)?.attemptedUser, 'CONTOSO\\svc-mse');
  });

  it('passes in delegate and impersonation modes', async () => {
    const delegate = await validateExchange(
      exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm', accessMode: 'delegate', mailbox: bob}),
      password,
      probeOptions(),
    );
    assert.match(delegate.fact, /delegate access to bob@contoso\.example/);
    assert.equal(sim.requests.at(-1)?.mailbox, bob);

    const impersonation = await validateExchange(
      exchangeSettings(sim.ewsUrl, {
        authScheme: 'ntlm',
        accessMode: 'impersonation',
        mailbox: alice,
      }),
      password,
      probeOptions(),
    );
    assert.match(impersonation.fact, /impersonation of alice@contoso\.example/);
    assert.equal(sim.requests.at(-1)?.impersonate, alice);
  });

  it('classifies a wrong password as credentials after the complete handshake', async () => {
    const wrong = 'Not-The-Password-1!';
    const before = sim.requests.length;
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm'}), wrong, probeOptions()),
      'credentials',
      [wrong],
    );
    assert.match(error.message, /rejected the password for svc-mse@contoso\.example \(NTLM\)/);
    assert.equal(error.setting, 'exchangePassword');
    assert.equal(sim.requests.length - before, 2);
    assert.equal(sim.requests.at(-1)?.user, null);
  });

  it('chooses NTLM by itself when the server offers it (auto)', async () => {
    const result = await validateExchange(
      exchangeSettings(sim.ewsUrl, {authScheme: 'auto'}),
      password,
      probeOptions(),
    );
    assert.equal(result.authScheme, 'ntlm');
    assert.match(result.fact, /signed in with NTLM$/);
    assert.equal(sim.requests.at(-1)?.authScheme, 'NTLM');
  });
});

describe('validateExchange choosing the scheme from the challenges', () => {
  it('falls back to Basic when the server offers no NTLM (auto)', async () => {
    const sim = await startEwsSimulator({tls: loopbackTls, ntlmEnabled: false});
    try {
      const result = await validateExchange(
        exchangeSettings(sim.ewsUrl, {authScheme: 'auto'}),
        password,
        probeOptions(),
      );
      assert.equal(result.authScheme, 'basic');
      assert.deepEqual(
        sim.requests.map((request) => [request.authScheme, request.status]),
        [
          ['NTLM', 401],
          ['Basic', 200],
        ],
      );
    } finally {
      await sim.close();
    }
  });

  it('says NTLM is not offered, and what is, without sending the password', async () => {
    const sim = await startEwsSimulator({tls: loopbackTls, ntlmEnabled: false});
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm'}),
          password,
          probeOptions(),
        ),
        'auth-scheme',
      );
      assert.match(error.message, /does not accept NTLM authentication; it offers Basic/);
      assert.match(error.fix, /Choose Basic/);
      assert.equal(error.setting, 'authScheme');
      assert.equal(sim.requests.length, 1);
      assert.equal(sim.requests[0]?.basicUser, null);
    } finally {
      await sim.close();
    }
  });

  it('says when the server offers no scheme mse-bind supports', async () => {
    const sim = await startEwsSimulator({
      tls: loopbackTls,
      ntlmEnabled: false,
      basicEnabled: false,
    });
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(sim.ewsUrl, {authScheme: 'auto'}),
          password,
          probeOptions(),
        ),
        'auth-scheme',
      );
      assert.match(error.message, /offers no authentication scheme; mse-bind supports Basic, NTLM/);
    } finally {
      await sim.close();
    }
  });

  it('tells a connection dropped between the legs from a wrong password', async () => {
    const sim = await startEwsSimulator({
      tls: loopbackTls,
      basicEnabled: false,
      keepNtlmConnection: false,
    });
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm'}),
          password,
          probeOptions(),
        ),
        'network',
      );
      assert.match(error.message, /not kept between the two NTLM steps/);
      // The refusal offered Negotiate and NTLM only: Basic is no way out.
      assert.doesNotMatch(error.fix, /Basic/);
      const [first, second] = sim.requests;
      assert.notEqual(first?.connectionId, second?.connectionId);
    } finally {
      await sim.close();
    }
  });
});

describe('validateExchange when the NTLM challenge never comes back', () => {
  it('says the handshake got no challenge, never to choose the NTLM in use', async () => {
    const sim = await startEwsSimulator({
      tls: loopbackTls,
      basicEnabled: false,
      ntlmChallenge: false,
    });
    try {
      for (const authScheme of ['ntlm', 'auto'] as const) {
        const error = await expectBindFailure(
          validateExchange(exchangeSettings(sim.ewsUrl, {authScheme}), password, probeOptions()),
          'auth-scheme',
        );
        assert.match(
          error.message,
          /offers Negotiate, NTLM but answered the NTLM negotiate message without an NTLM challenge/,
        );
        assert.match(error.fix, /strips the NTLM challenge or fails to keep the connection/);
        assert.match(error.fix, /Windows authentication on the EWS virtual directory/);
        assert.doesNotMatch(error.fix, /choose/i, `${authScheme}: nothing else is offered`);
        assert.equal(error.setting, 'ewsUrl');
      }
      assert.ok(sim.requests.every((request) => request.basicUser === null));
    } finally {
      await sim.close();
    }
  });

  it('suggests Basic only when the server offers it', async () => {
    const sim = await startEwsSimulator({tls: loopbackTls, ntlmChallenge: false});
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm'}),
          password,
          probeOptions(),
        ),
        'auth-scheme',
      );
      assert.match(error.message, /without an NTLM challenge/);
      assert.match(error.fix, /, or choose Basic\.$/);
      assert.equal(error.setting, 'authScheme');
    } finally {
      await sim.close();
    }
  });

  it('suggests Basic after a connection not kept only when the refusal offered it', async () => {
    const sim = await startEwsSimulator({tls: loopbackTls, keepNtlmConnection: false});
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(sim.ewsUrl, {authScheme: 'ntlm'}),
          password,
          probeOptions(),
        ),
        'network',
      );
      assert.match(error.message, /not kept between the two NTLM steps/);
      assert.match(error.fix, /, or choose Basic\.$/);
    } finally {
      await sim.close();
    }
  });
});

describe('validateExchange with NTLM: the organisation decides', () => {
  it('refuses the impersonation the account may not do', async () => {
    const demo = demoOrganisation();
    const sim = await startEwsSimulator({
      tls: loopbackTls,
      basicEnabled: false,
      organisation: {
        mailboxes: demo.mailboxes,
        accounts: [{user, password, mailbox: user, mayImpersonate: [], fullAccessTo: []}],
      },
    });
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(sim.ewsUrl, {
            authScheme: 'ntlm',
            accessMode: 'impersonation',
            mailbox: alice,
          }),
          password,
          probeOptions(),
        ),
        'permission',
      );
      assert.match(error.message, /may not impersonate alice@contoso\.example/);
    } finally {
      await sim.close();
    }
  });
});
