import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {validateExchange} from '../../src/bind/exchange.js';
import type {ExchangeSettings} from '../../src/bind/settings.js';
import {
  demoTenant,
  startEntraSimulator,
  type EntraSimulator,
} from '../../src/simulators/entra/index.js';
import {startEwsSimulator, type EwsSimulator} from '../../src/simulators/ews/index.js';
import {processCertificateAuthority} from '../../src/simulators/tls/index.js';
import {exchangeSettings, expectBindFailure, probeOptions} from '../helpers/exchange-probe.js';
import {startFixedReplyServer} from '../helpers/fixed-reply-server.js';
import {loopbackTls} from '../helpers/loopback-tls.js';
import {caFileOf} from '../helpers/mimecast-demo.js';
import {startSilentServer} from '../helpers/silent-server.js';

const alice = 'alice@contoso.example';
const [consented, unconsented] = demoTenant.apps;
assert.ok(consented && unconsented);

describe('validateExchange with OAuth (Exchange Online app-only)', () => {
  let entra: EntraSimulator;
  let ews: EwsSimulator;
  before(async () => {
    entra = await startEntraSimulator({tls: loopbackTls});
    ews = await startEwsSimulator({
      tls: loopbackTls,
      basicEnabled: false,
      ntlmEnabled: false,
      bearer: {publicKey: entra.publicKey},
    });
  });
  after(async () => {
    await ews.close();
    await entra.close();
  });

  const settings = (changes: Partial<ExchangeSettings> = {}): ExchangeSettings =>
    exchangeSettings(ews.ewsUrl, {
      authScheme: 'oauth',
      user: '',
      accessMode: 'impersonation',
      mailbox: alice,
      tenant: demoTenant.tenantId,
      clientId: consented.clientId,
      authorityUrl: entra.authorityUrl,
      ...changes,
    });
  const withSecret = (clientSecret = consented.clientSecret) => probeOptions({clientSecret});

  it('gets a token for the default scope and impersonates the mailbox', async () => {
    const result = await validateExchange(settings(), '', withSecret());

    assert.equal(result.authScheme, 'oauth');
    assert.match(result.fact, /mailbox root readable \(impersonation of alice@contoso\.example\)/);
    const token = entra.requests.at(-1);
    assert.equal(token?.status, 200);
    assert.equal(token?.grantType, 'client_credentials');
    assert.equal(token?.scope, 'https://outlook.office365.com/.default');
    assert.equal(token?.contentType, 'application/x-www-form-urlencoded');
    const probe = ews.requests.at(-1);
    assert.equal(probe?.authScheme, 'Bearer');
    assert.equal(probe?.user, `app ${consented.clientId}`);
    assert.equal(probe?.impersonate, alice);
    assert.equal(probe?.anchorMailbox, alice);
  });

  it('names a tenant by its domain as well', async () => {
    const result = await validateExchange(settings({tenant: 'contoso.example'}), '', withSecret());
    assert.equal(result.authScheme, 'oauth');
  });

  it('says the app lacks full_access_as_app (2000008)', async () => {
    const error = await expectBindFailure(
      validateExchange(
        settings({clientId: unconsented.clientId}),
        '',
        withSecret(unconsented.clientSecret),
      ),
      'permission',
      [unconsented.clientSecret],
    );
    assert.match(error.message, /no EWS permission \(2000008/);
    assert.match(error.fix, /full_access_as_app/);
    assert.equal(error.setting, 'exchangeClientId');
    assert.equal(ews.requests.at(-1)?.status, 401);
  });

  it('maps a wrong secret to AADSTS7000215 without showing it', async () => {
    const wrong = 'Not~The.Secret-2026';
    const before = ews.requests.length;
    const error = await expectBindFailure(
      validateExchange(settings(), '', withSecret(wrong)),
      'credentials',
      [wrong],
    );
    assert.match(error.message, /rejected the client secret .*AADSTS7000215/);
    assert.equal(error.setting, 'exchangeClientSecret');
    assert.equal(ews.requests.length, before, 'no EWS request without a token');
  });

  it('maps an unknown app to AADSTS700016 and an unknown tenant to AADSTS90002', async () => {
    const app = await expectBindFailure(
      validateExchange(
        settings({clientId: '00000000-1111-2222-3333-444444444444'}),
        '',
        withSecret(),
      ),
      'not-found',
      [consented.clientSecret],
    );
    assert.match(app.message, /no app with the client id 00000000-1111/);
    assert.equal(app.setting, 'exchangeClientId');

    const tenant = await expectBindFailure(
      validateExchange(settings({tenant: 'fabrikam.example'}), '', withSecret()),
      'not-found',
      [consented.clientSecret],
    );
    assert.match(tenant.message, /no tenant fabrikam\.example \(AADSTS90002\)/);
    assert.equal(tenant.setting, 'exchangeTenant');
  });

  it('reports a missing mailbox behind the impersonation header', async () => {
    const error = await expectBindFailure(
      validateExchange(settings({mailbox: 'zed@contoso.example'}), '', withSecret()),
      'not-found',
      [consented.clientSecret],
    );
    assert.match(error.message, /zed@contoso\.example/);
  });

  it('refuses input it cannot send, before any request', async () => {
    const tokens = entra.requests.length;
    const noSecret = await expectBindFailure(
      validateExchange(settings(), '', withSecret('')),
      'input',
      ['unused'],
    );
    assert.equal(noSecret.setting, 'exchangeClientSecret');
    const own = await expectBindFailure(
      validateExchange(settings({accessMode: 'own', mailbox: ''}), '', withSecret()),
      'input',
      [consented.clientSecret],
    );
    assert.equal(own.setting, 'accessMode');
    const plainAuthority = await expectBindFailure(
      validateExchange(settings({authorityUrl: 'http://login.example.com'}), '', withSecret()),
      'input',
      [consented.clientSecret],
    );
    assert.equal(plainAuthority.setting, 'exchangeAuthority');
    assert.equal(entra.requests.length, tokens);
  });

  it('an authority that accepts and never finishes the TLS handshake is network', async () => {
    const silent = await startSilentServer();
    try {
      const authorityUrl = `https://127.0.0.1:${silent.port}`;
      const error = await expectBindFailure(
        validateExchange(settings({authorityUrl}), '', {...withSecret(), timeoutMs: 400}),
        'network',
        [consented.clientSecret],
      );
      assert.equal(
        error.message,
        `Entra ID at 127.0.0.1:${silent.port} accepted the connection but did not complete the ` +
          'TLS handshake within 400 ms.',
      );
      assert.equal(error.setting, 'exchangeAuthority');
      await silent.allClosed();
    } finally {
      await silent.close();
    }
  });

  it('never sends the client secret to an http:// authority, on loopback either', async () => {
    const plain = await startEntraSimulator();
    try {
      const error = await expectBindFailure(
        validateExchange(settings({authorityUrl: plain.authorityUrl}), '', withSecret()),
        'input',
        [consented.clientSecret],
      );
      assert.equal(
        error.message,
        `The Entra ID authority URL (${plain.authorityUrl}/) must use https://; plain http:// ` +
          'is refused.',
      );
      assert.equal(error.setting, 'exchangeAuthority');
      assert.equal(plain.requests.length, 0);
    } finally {
      await plain.close();
    }
  });

  it('suggests OAuth when the server offers only bearer tokens', async () => {
    const error = await expectBindFailure(
      validateExchange(exchangeSettings(ews.ewsUrl, {authScheme: 'auto'}), 'pw-1', probeOptions()),
      'auth-scheme',
      ['pw-1'],
    );
    assert.match(error.fix, /Choose OAuth/);
  });

  // Exchange Online's own answers (Basic retired, the EWS retirement's 403) need its name:
  // the failure table reaches them through a proxy (test/bind/exchange-failures.test.ts).

  it('tells the two impersonation-header faults apart', async () => {
    ews.failNext('impersonation-header-required');
    const required = await expectBindFailure(
      validateExchange(settings(), '', withSecret()),
      'input',
      [consented.clientSecret],
    );
    ews.failNext('impersonation-header-forbidden');
    const forbidden = await expectBindFailure(
      validateExchange(settings(), '', withSecret()),
      'input',
      [consented.clientSecret],
    );
    assert.match(required.message, /only for a request that impersonates/);
    assert.match(forbidden.message, /does not allow impersonation with this kind of sign-in/);
    assert.notEqual(required.message, forbidden.message);
  });
});

describe('validateExchange with OAuth: a token Exchange does not trust', () => {
  it('refuses a token signed by another key as credentials', async () => {
    const entra = await startEntraSimulator({tls: loopbackTls});
    const stranger = await startEntraSimulator({tls: loopbackTls});
    const ews = await startEwsSimulator({
      tls: loopbackTls,
      bearer: {publicKey: stranger.publicKey},
    });
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings(ews.ewsUrl, {
            authScheme: 'oauth',
            accessMode: 'impersonation',
            mailbox: alice,
            tenant: demoTenant.tenantId,
            clientId: consented.clientId,
            authorityUrl: entra.authorityUrl,
          }),
          '',
          probeOptions({clientSecret: consented.clientSecret}),
        ),
        'credentials',
        [consented.clientSecret],
      );
      assert.match(error.message, /refused the access token .*2000001: The token has an invalid/);
    } finally {
      await Promise.all([ews.close(), entra.close(), stranger.close()]);
    }
  });
});

describe('validateExchange with OAuth against an Exchange that takes no bearer tokens', () => {
  let entra: EntraSimulator;
  let caFile: string;
  before(async () => {
    const {ca, server} = await processCertificateAuthority();
    entra = await startEntraSimulator({tls: server});
    caFile = caFileOf(ca.certificatePem);
  });
  after(() => entra.close());

  /** An OAuth probe of a server that answers every request with 401 and these challenges. */
  const probeRefusing = async (headers: Record<string, string>) => {
    const server = await startFixedReplyServer({status: 401, headers, body: ''});
    try {
      const settings = exchangeSettings(`${server.url}/EWS/Exchange.asmx`, {
        authScheme: 'oauth',
        user: '',
        accessMode: 'impersonation',
        mailbox: alice,
        tenant: demoTenant.tenantId,
        clientId: consented.clientId,
        authorityUrl: entra.authorityUrl,
      });
      // Rejects with what validateExchange threw, once the server is closed.
      return await validateExchange(
        settings,
        '',
        probeOptions({caFile, clientSecret: consented.clientSecret}),
      );
    } finally {
      await server.close();
    }
  };

  it('says on-premises Windows authentication does not take OAuth, and what to choose', async () => {
    const error = await expectBindFailure(
      probeRefusing({'www-authenticate': 'Negotiate, NTLM, Basic realm="x"'}),
      'auth-scheme',
      [consented.clientSecret],
    );
    assert.match(
      error.message,
      /does not accept OAuth \(bearer tokens\); it offers Negotiate, NTLM, Basic\./,
    );
    assert.match(error.fix, /^Choose NTLM or Basic as the auth scheme/);
    assert.equal(error.setting, 'authScheme');
  });

  it('suggests only what is offered: Basic alone, or nothing', async () => {
    const basic = await expectBindFailure(
      probeRefusing({'www-authenticate': 'Basic realm="x"'}),
      'auth-scheme',
      [consented.clientSecret],
    );
    assert.match(basic.fix, /^Choose Basic as the auth scheme/);

    const none = await expectBindFailure(probeRefusing({}), 'auth-scheme', [
      consented.clientSecret,
    ]);
    assert.match(none.message, /it offers no authentication scheme\./);
    assert.doesNotMatch(none.fix, /Choose/);
  });

  it('keeps a refused token where the server read it (a Bearer challenge with an error)', async () => {
    const error = await expectBindFailure(
      probeRefusing({'www-authenticate': 'Bearer error="invalid_token"'}),
      'credentials',
      [consented.clientSecret],
    );
    assert.match(error.message, /refused the access token of app /);
  });
});
