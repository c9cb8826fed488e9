import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import {validateExchange} from '../../src/bind/exchange.js';
import type {ExchangeSettings} from '../../src/bind/settings.js';
import {
  demoTenant,
  startEntraSimulator,
  type EntraSimulator,
} from '../../src/simulators/entra/index.js';
import {
  demoOrganisation,
  startEwsSimulator,
  type EwsFailure,
  type EwsSimulator,
} from '../../src/simulators/ews/index.js';
import {
  exchangePassword as password,
  exchangeSettings,
  exchangeUser as user,
  probeOptions,
} from '../helpers/exchange-probe.js';
import {loopbackTls} from '../helpers/loopback-tls.js';
import {assertNoSecret} from '../helpers/assert-no-secret.js';

const alice = 'alice@contoso.example';
const bob = 'bob@contoso.example';
const [consented, unconsented] = demoTenant.apps;
assert.ok(consented && unconsented);

type Row = {
  /** The observation, as the failure table names it. */
  readonly name: string;
  readonly errorClass: ErrorClass;
  readonly setting: string;
  readonly run: () => Promise<BindError>;
};

/**
 * Every row of the EWS failure table, driven through validateExchange against the simulators:
 * each must come out with its own class, field and message.
 */
describe('validateExchange: the EWS failure table', () => {
  let onPremises: EwsSimulator;
  let windowsOnly: EwsSimulator;
  let online: EwsSimulator;
  let oldServer: EwsSimulator;
  let entra: EntraSimulator;
  const messages = new Map<string, string>();

  before(async () => {
    const demo = demoOrganisation();
    entra = await startEntraSimulator({tls: loopbackTls});
    [onPremises, windowsOnly, online, oldServer] = await Promise.all([
      startEwsSimulator({
        tls: loopbackTls,
        organisation: {
          mailboxes: demo.mailboxes,
          accounts: [{user, password, mailbox: user, mayImpersonate: [alice], fullAccessTo: [bob]}],
        },
      }),
      startEwsSimulator({tls: loopbackTls, basicEnabled: false}),
      startEwsSimulator({
        tls: loopbackTls,
        basicEnabled: false,
        ntlmEnabled: false,
        bearer: {publicKey: entra.publicKey},
      }),
      startEwsSimulator({tls: loopbackTls, schemaVersions: ['Exchange2007_SP1']}),
    ]);
  });
  after(async () => {
    await Promise.all(
      [onPremises, windowsOnly, online, oldServer, entra].map((sim) => sim.close()),
    );
  });

  const basic = (
    sim: EwsSimulator,
    changes: Partial<ExchangeSettings> = {},
    secret: string = password,
  ) =>
    expectFailureOf(
      validateExchange(exchangeSettings(sim.ewsUrl, changes), secret, probeOptions()),
    );
  const failing = (failure: EwsFailure, changes: Partial<ExchangeSettings> = {}) => {
    onPremises.failNext(failure);
    return basic(onPremises, changes);
  };
  const oauth = (clientId: string, clientSecret: string) =>
    expectFailureOf(
      validateExchange(
        exchangeSettings(online.ewsUrl, {
          authScheme: 'oauth',
          accessMode: 'impersonation',
          mailbox: alice,
          tenant: demoTenant.tenantId,
          clientId,
          authorityUrl: entra.authorityUrl,
        }),
        '',
        probeOptions({clientSecret, exchangeOnlineHosts: ['127.0.0.1']}),
      ),
    );

  const rows: Row[] = [
    {
      name: '401 offering Negotiate and NTLM only, Basic sent',
      errorClass: 'auth-scheme',
      setting: 'authScheme',
      run: () => basic(windowsOnly),
    },
    {
      name: '401 after Basic',
      errorClass: 'credentials',
      setting: 'exchangePassword',
      run: () => basic(onPremises, {}, 'Wrong-Basic-1!'),
    },
    {
      name: '401 after a complete NTLM authenticate message',
      errorClass: 'credentials',
      setting: 'exchangePassword',
      run: () => basic(windowsOnly, {authScheme: 'ntlm'}, 'Wrong-Ntlm-1!'),
    },
    {
      name: '401 on Exchange Online with Basic',
      errorClass: 'auth-scheme',
      setting: 'authScheme',
      run: () =>
        expectFailureOf(
          validateExchange(
            exchangeSettings(online.ewsUrl),
            password,
            probeOptions({exchangeOnlineHosts: ['127.0.0.1']}),
          ),
        ),
    },
    {
      name: '401 with Bearer and x-ms-diagnostics 2000008',
      errorClass: 'permission',
      setting: 'exchangeClientId',
      run: () => oauth(unconsented.clientId, unconsented.clientSecret),
    },
    {
      name: '403 on premises',
      errorClass: 'permission',
      setting: 'exchangeUser',
      run: () => failing('forbidden'),
    },
    {
      name: '403 from Exchange Online (EWS retirement, allow list)',
      errorClass: 'permission',
      setting: 'exchangeClientId',
      run: () => {
        online.failNext('forbidden');
        return oauth(consented.clientId, consented.clientSecret);
      },
    },
    {
      name: 'ErrorNonExistentMailbox',
      errorClass: 'not-found',
      setting: 'mailbox',
      run: () => basic(onPremises, {accessMode: 'delegate', mailbox: 'zed@contoso.example'}),
    },
    {
      name: 'ErrorImpersonateUserDenied',
      errorClass: 'permission',
      setting: 'accessMode',
      run: () => basic(onPremises, {accessMode: 'impersonation', mailbox: bob}),
    },
    {
      name: 'ErrorImpersonationDenied',
      errorClass: 'permission',
      setting: 'accessMode',
      run: () => failing('impersonation-denied', {accessMode: 'impersonation', mailbox: alice}),
    },
    {
      name: 'ErrorAccessDenied',
      errorClass: 'permission',
      setting: 'accessMode',
      run: () => basic(onPremises, {accessMode: 'delegate', mailbox: alice}),
    },
    {
      name: 'ErrorInvalidExchangeImpersonationHeaderData, header must be present',
      errorClass: 'input',
      setting: 'accessMode',
      run: () => failing('impersonation-header-required'),
    },
    {
      name: 'ErrorInvalidExchangeImpersonationHeaderData, header must not exist',
      errorClass: 'input',
      setting: 'accessMode',
      run: () => failing('impersonation-header-forbidden'),
    },
    {
      name: 'ErrorInvalidServerVersion',
      errorClass: 'server',
      setting: 'ewsUrl',
      run: () => basic(oldServer),
    },
    {
      name: 'ErrorInvalidSchemaVersionForMailboxVersion',
      errorClass: 'server',
      setting: 'ewsUrl',
      run: () => failing('schema-mismatch'),
    },
    {
      name: 'ErrorServerBusy (transient)',
      errorClass: 'server',
      setting: 'ewsUrl',
      run: () => failing('server-busy'),
    },
    {
      name: 'ErrorMailboxStoreUnavailable (transient, per-message)',
      errorClass: 'server',
      setting: 'ewsUrl',
      run: () => failing('mailbox-store-unavailable'),
    },
    {
      name: 'ErrorInvalidLicense',
      errorClass: 'account-state',
      setting: 'mailbox',
      run: () => failing('invalid-license'),
    },
    {
      name: '302 to an HTML logon page',
      errorClass: 'auth-scheme',
      setting: 'ewsUrl',
      run: () => failing('logon-redirect'),
    },
  ];

  for (const row of rows) {
    it(`${row.name}: ${row.errorClass}, fix at ${row.setting}`, async () => {
      const error = await row.run();
      assert.equal(error.errorClass, row.errorClass, error.message);
      assert.equal(error.setting, row.setting, error.message);
      messages.set(row.name, error.message);
    });
  }

  it('gives every row its own message', () => {
    assert.equal(messages.size, rows.length);
    const distinct = new Set(messages.values());
    assert.equal(distinct.size, rows.length, [...messages.values()].join('\n'));
  });
});

/** The row's BindError, checked for a fix and for every secret any row sends. */
async function expectFailureOf(run: Promise<unknown>): Promise<BindError> {
  const error = await run.then(
    () => assert.fail('expected the validation to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, `not a BindError: ${String(error)}`);
  assert.ok(error.fix.length > 0);
  assertNoSecret(error, [
    password,
    'Wrong-Basic-1!',
    'Wrong-Ntlm-1!',
    consented?.clientSecret ?? '',
    unconsented?.clientSecret ?? '',
  ]);
  return error;
}
