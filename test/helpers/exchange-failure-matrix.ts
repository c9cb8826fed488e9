/**
 * The EWS failure table, and Entra ID's sign-in failures, each row as the server answer that
 * produces it: which simulated Exchange, with which settings and secret, after which queued
 * failure. validateExchange and the whole program are driven from the same rows, so a message
 * on the screen is the one validateExchange gives for the same answer.
 */
import assert from 'node:assert/strict';

import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import {validateExchange} from '../../src/bind/exchange.js';
import {exchangeOnlineEwsUrl} from '../../src/bind/exchange/ews-url.js';
import type {ExchangeSettings} from '../../src/bind/settings.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {
  demoTenant,
  startEntraSimulator,
  type EntraApp,
  type EntraSimulator,
} from '../../src/simulators/entra/index.js';
import {
  demoOrganisation,
  startEwsSimulator,
  type EwsFailure,
  type EwsSimulator,
  type EwsSimulatorOptions,
} from '../../src/simulators/ews/index.js';
import {loopbackHosts, processCertificateAuthority} from '../../src/simulators/tls/index.js';
import {assertNoSecret} from './assert-no-secret.js';
import {startConnectProxy, type ConnectProxy} from './connect-proxy.js';
import {caFileOf} from './mimecast-demo.js';

const {user, password: exchangePassword} = demoFixture.exchange;
const alice = 'alice@contoso.example';
const bob = 'bob@contoso.example';
const [consented, unconsented] = demoTenant.apps;
assert.ok(consented && unconsented);

/** Exchange Online's EWS host, which the routing proxy leads to a simulator. */
export const exchangeOnlineHost = new URL(exchangeOnlineEwsUrl).hostname;

/** Registered in the demo tenant with a client secret that has expired. */
const expiredApp: EntraApp = {
  clientId: 'c0ffee00-7e57-4d1e-9a11-0123456789ab',
  clientSecret: 'Expired~Secret.2025-mse-bind',
  roles: ['full_access_as_app'],
  secretExpired: true,
};

/** Which Exchange answers the row. */
export type ExchangeKind =
  /** An on-premises server whose service account may impersonate alice and open bob. */
  | 'on-premises'
  /** Basic switched off on the EWS virtual directory: Negotiate and NTLM only. */
  | 'windows-only'
  /**
   * Negotiate and NTLM only, and the NTLM challenge lost on the way back (stripped by a proxy,
   * or Windows authentication set up wrong).
   */
  | 'challenge-lost'
  /** A server that knows only the Exchange 2007 SP1 schema. */
  | 'old-server'
  /** Exchange Online at its own name: OAuth bearer tokens only. */
  | 'online';

export type MatrixRow = {
  /** The observation, as the failure table names it. */
  readonly name: string;
  /**
   * What the table says the observation means. Rows of different causes must get different
   * fixes; rows of one cause (a wrong password over Basic or NTLM) may share one.
   */
  readonly cause: string;
  readonly errorClass: ErrorClass;
  readonly setting: string;
  /** What only this row's path says: a class and field alone could come from a wrong turn. */
  readonly message: RegExp;
  /** What the fix must say, where the message alone does not pin it down. */
  readonly fix?: RegExp;
  readonly exchange: ExchangeKind;
  readonly settings?: Partial<ExchangeSettings>;
  /** The Exchange service account's password; the demo one by default. */
  readonly password?: string;
  /** Sign in with OAuth as this app (impersonating alice) instead of a password. */
  readonly oauth?: {
    readonly clientId: string;
    readonly clientSecret: string;
    readonly tenant?: string;
  };
  /** Queued on the row's Exchange for each run, for what the organisation does not do. */
  readonly failure?: EwsFailure;
};

/** One row made ready: its own Exchange, and what a bind of it is given. */
export type PreparedRow = {
  readonly exchange: ExchangeSettings;
  /** The Exchange password ('' for OAuth). */
  readonly password: string;
  /** The OAuth client secret ('' without OAuth). */
  readonly clientSecret: string;
  /** The proxy setting: Exchange Online is reached by its name, through the routing proxy. */
  readonly proxyUrl: string;
  readonly ews: EwsSimulator;
};

/** The cause of the transient codes, which share one rule and one fix. */
export const transientCause = 'transient, server side: not the credentials';
const oauth = (app: EntraApp, changes: {clientSecret?: string; tenant?: string} = {}) => ({
  clientId: app.clientId,
  clientSecret: changes.clientSecret ?? app.clientSecret,
  ...(changes.tenant === undefined ? {} : {tenant: changes.tenant}),
});

/** The EWS failure table: every row of it, with the transient codes one row each. */
export const ewsFailureTable: readonly MatrixRow[] = [
  {
    name: '401 offering Negotiate and NTLM only, Basic sent',
    message: /does not accept Basic authentication; it offers Negotiate, NTLM\./,
    cause: 'Basic is off on the EWS virtual directory',
    errorClass: 'auth-scheme',
    setting: 'authScheme',
    exchange: 'windows-only',
  },
  {
    name: '401 after Basic',
    message: /rejected the password for svc-mse@contoso\.example \(Basic\)/,
    cause: 'wrong password',
    errorClass: 'credentials',
    setting: 'exchangePassword',
    exchange: 'on-premises',
    password: 'Wrong-Basic-1!',
  },
  {
    name: '401 after a complete NTLM authenticate message',
    message: /rejected the password for svc-mse@contoso\.example \(NTLM\)/,
    cause: 'wrong password',
    errorClass: 'credentials',
    setting: 'exchangePassword',
    exchange: 'windows-only',
    settings: {authScheme: 'ntlm'},
    password: 'Wrong-Ntlm-1!',
  },
  {
    name: '401 without an NTLM challenge after the NTLM negotiate message',
    message: /offers Negotiate, NTLM but answered the NTLM negotiate message without an NTLM/,
    cause: 'the NTLM challenge is lost between Exchange and the client',
    errorClass: 'auth-scheme',
    setting: 'ewsUrl',
    exchange: 'challenge-lost',
    settings: {authScheme: 'ntlm'},
  },
  {
    name: '401 on Exchange Online with Basic',
    message: /^Exchange Online no longer accepts Basic or NTLM sign-in/,
    fix: /^Choose OAuth and enter the tenant, client id and client secret/,
    cause: 'Basic is retired in Exchange Online',
    errorClass: 'auth-scheme',
    setting: 'authScheme',
    exchange: 'online',
  },
  {
    name: '401 with Bearer and x-ms-diagnostics 2000008',
    message: /carries no EWS permission \(2000008: /,
    fix: /full_access_as_app/,
    cause: 'the token lacks full_access_as_app',
    errorClass: 'permission',
    setting: 'exchangeClientId',
    exchange: 'online',
    oauth: oauth(unconsented),
  },
  {
    name: '401 offering no Bearer after an access token (on premises without OAuth)',
    message: /does not accept OAuth \(bearer tokens\); it offers Negotiate, NTLM, Basic\./,
    fix: /^Choose NTLM or Basic as the auth scheme/,
    cause: 'OAuth chosen for an Exchange that takes no bearer tokens',
    errorClass: 'auth-scheme',
    setting: 'authScheme',
    exchange: 'on-premises',
    oauth: oauth(consented),
  },
  {
    name: '403 on premises',
    message: /refused EWS access for svc-mse@contoso\.example\./,
    cause: 'EWS is blocked for the account or organisation',
    errorClass: 'permission',
    setting: 'exchangeUser',
    exchange: 'on-premises',
    failure: 'forbidden',
  },
  {
    name: '403 from Exchange Online (EWS retirement, allow list)',
    message: /^Exchange Online refused EWS for app .* retiring EWS in Exchange Online/,
    fix: /add 5e0c7a21-8b4d-4c39-9f1e-6d2a3b4c5d6e to the EWS allow list/,
    cause: 'EWS is retired in Exchange Online except for allowed apps',
    errorClass: 'permission',
    setting: 'exchangeClientId',
    exchange: 'online',
    oauth: oauth(consented),
    failure: 'forbidden',
  },
  {
    name: 'ErrorNonExistentMailbox',
    message: /^No mailbox exists for zed@contoso\.example\./,
    cause: 'the address is not a mailbox',
    errorClass: 'not-found',
    setting: 'mailbox',
    exchange: 'on-premises',
    settings: {accessMode: 'delegate', mailbox: 'zed@contoso.example'},
  },
  {
    name: 'ErrorImpersonateUserDenied',
    message: /may not impersonate bob@contoso\.example\./,
    cause: 'no impersonation right for this mailbox',
    errorClass: 'permission',
    setting: 'accessMode',
    exchange: 'on-premises',
    settings: {accessMode: 'impersonation', mailbox: bob},
  },
  {
    name: 'ErrorImpersonationDenied',
    message: /has no right to impersonate anyone on the Exchange server/,
    cause: 'no impersonation right on the server itself',
    errorClass: 'permission',
    setting: 'accessMode',
    exchange: 'on-premises',
    settings: {accessMode: 'impersonation', mailbox: alice},
    failure: 'impersonation-denied',
  },
  {
    name: 'ErrorAccessDenied',
    message: /may not open alice@contoso\.example\./,
    cause: 'the delegate lacks Full Access',
    errorClass: 'permission',
    setting: 'accessMode',
    exchange: 'on-premises',
    settings: {accessMode: 'delegate', mailbox: alice},
  },
  {
    name: 'ErrorInvalidExchangeImpersonationHeaderData, header must be present',
    message: /only for a request that impersonates a mailbox/,
    cause: 'an app-only token sent without the impersonation header',
    errorClass: 'input',
    setting: 'accessMode',
    exchange: 'online',
    oauth: oauth(consented),
    failure: 'impersonation-header-required',
  },
  {
    name: 'ErrorInvalidExchangeImpersonationHeaderData, header must not exist',
    message: /does not allow impersonation with this kind of sign-in \("/,
    cause: 'the impersonation header sent with a sign-in that may not impersonate',
    errorClass: 'input',
    setting: 'exchangeAuthority',
    exchange: 'online',
    oauth: oauth(consented),
    failure: 'impersonation-header-forbidden',
  },
  {
    name: 'ErrorInvalidServerVersion',
    message: /accepts neither the Exchange2013_SP1 nor the Exchange2010_SP2/,
    cause: 'a request schema the server version does not know',
    errorClass: 'server',
    setting: 'ewsUrl',
    exchange: 'old-server',
  },
  {
    name: 'ErrorInvalidSchemaVersionForMailboxVersion',
    message: /the two run different Exchange versions/,
    cause: 'a request schema the server version does not know',
    errorClass: 'server',
    setting: 'ewsUrl',
    exchange: 'on-premises',
    failure: 'schema-mismatch',
  },
  {
    name: 'ErrorServerBusy (transient)',
    message: /\(ErrorServerBusy: .*This is not a credentials problem\./,
    cause: transientCause,
    errorClass: 'server',
    setting: 'ewsUrl',
    exchange: 'on-premises',
    failure: 'server-busy',
  },
  {
    name: 'ErrorMailboxStoreUnavailable (transient, per-message)',
    message: /\(ErrorMailboxStoreUnavailable: .*not a credentials problem/,
    cause: transientCause,
    errorClass: 'server',
    setting: 'ewsUrl',
    exchange: 'on-premises',
    failure: 'mailbox-store-unavailable',
  },
  {
    name: 'ErrorConnectionFailed (transient, per-message)',
    message: /\(ErrorConnectionFailed: Connection did not succeed\. Try again later\.\)/,
    cause: transientCause,
    errorClass: 'server',
    setting: 'ewsUrl',
    exchange: 'on-premises',
    failure: 'connection-failed',
  },
  {
    name: 'ErrorNoRespondingCASInDestinationSite (transient)',
    message: /\(ErrorNoRespondingCASInDestinationSite: Exchange Web Services are not/,
    cause: transientCause,
    errorClass: 'server',
    setting: 'ewsUrl',
    exchange: 'on-premises',
    failure: 'no-responding-cas',
  },
  {
    name: 'ErrorInvalidLicense',
    message: /has no licence that includes EWS/,
    cause: 'the mailbox has no licence with EWS',
    errorClass: 'account-state',
    setting: 'mailbox',
    exchange: 'on-premises',
    failure: 'invalid-license',
  },
  {
    name: '302 to an HTML logon page',
    message: /sent the request to a logon page: forms-based authentication/,
    cause: 'forms-based authentication in front of EWS',
    errorClass: 'auth-scheme',
    setting: 'ewsUrl',
    exchange: 'on-premises',
    failure: 'logon-redirect',
  },
];

/** Entra ID's answers to the client credentials request, before Exchange Online is asked. */
export const entraFailureTable: readonly MatrixRow[] = [
  {
    name: 'AADSTS7000215 (invalid client secret)',
    message: /rejected the client secret of app .*\(AADSTS7000215\)\./,
    cause: 'the client secret is wrong',
    errorClass: 'credentials',
    setting: 'exchangeClientSecret',
    exchange: 'online',
    oauth: oauth(consented, {clientSecret: 'Not~The.Secret-2026'}),
  },
  {
    name: 'AADSTS7000222 (expired client secret)',
    message: /client secret of app c0ffee00-.* has expired \(AADSTS7000222\)\./,
    cause: 'the client secret has expired',
    errorClass: 'account-state',
    setting: 'exchangeClientSecret',
    exchange: 'online',
    oauth: oauth(expiredApp),
  },
  {
    name: 'AADSTS700016 (no such app in the tenant)',
    message: /has no app with the client id 00000000-1111-.*\(AADSTS700016\)\./,
    cause: 'the app is not registered in the tenant',
    errorClass: 'not-found',
    setting: 'exchangeClientId',
    exchange: 'online',
    oauth: {clientId: '00000000-1111-2222-3333-444444444444', clientSecret: 'Any~Secret-1'},
  },
  {
    name: 'AADSTS90002 (no such tenant)',
    message: /knows no tenant fabrikam\.example \(AADSTS90002\)\./,
    cause: 'the tenant does not exist',
    errorClass: 'not-found',
    setting: 'exchangeTenant',
    exchange: 'online',
    oauth: oauth(consented, {tenant: 'fabrikam.example'}),
  },
];

/** Every secret any row sends: none may reach a message, a screen or a log. */
export const matrixSecrets: readonly string[] = [
  ...new Set([
    exchangePassword,
    ...[...ewsFailureTable, ...entraFailureTable].flatMap((row) => [
      ...(row.password === undefined ? [] : [row.password]),
      ...(row.oauth === undefined ? [] : [row.oauth.clientSecret]),
    ]),
    consented.clientSecret,
    unconsented.clientSecret,
  ]),
];

/** The simulators behind the rows, and the proxy that gives Exchange Online its name. */
export type MatrixSite = {
  /** The CA file that trusts every simulator of this process (the demo's as well). */
  readonly caFile: string;
  readonly entra: EntraSimulator;
  readonly proxy: ConnectProxy;
  /**
   * Starts the row's own Exchange, so rows can run at the same time, and queues its failure
   * once for each of `runs` binds.
   */
  prepare(row: MatrixRow, runs?: number): Promise<PreparedRow>;
  /** What validateExchange throws for the prepared row, checked for a fix and for secrets. */
  validate(prepared: PreparedRow): Promise<BindError>;
  close(): Promise<void>;
};

export async function startMatrixSite(): Promise<MatrixSite> {
  const {ca} = await processCertificateAuthority();
  // Exchange Online is asked for by its name, so its certificate must carry it; the CA that
  // signs it is trusted only through the CA file setting, as for every simulator.
  const tls = await ca.issueServerCertificate([...loopbackHosts, exchangeOnlineHost]);
  const entra = await startEntraSimulator({
    tls,
    tenants: [{...demoTenant, apps: [...demoTenant.apps, expiredApp]}],
  });
  const proxy = await startConnectProxy();
  const caFile = caFileOf(ca.certificatePem);
  const started: EwsSimulator[] = [];

  const onPremises: EwsSimulatorOptions = {
    organisation: {
      mailboxes: demoOrganisation().mailboxes,
      accounts: [
        {
          user,
          password: exchangePassword,
          mailbox: user,
          mayImpersonate: [alice],
          fullAccessTo: [bob],
        },
      ],
    },
  };
  const kinds: Readonly<Record<ExchangeKind, EwsSimulatorOptions>> = {
    'on-premises': onPremises,
    'windows-only': {basicEnabled: false},
    'challenge-lost': {basicEnabled: false, ntlmChallenge: false},
    'old-server': {schemaVersions: ['Exchange2007_SP1']},
    online: {basicEnabled: false, ntlmEnabled: false, bearer: {publicKey: entra.publicKey}},
  };

  return {
    caFile,
    entra,
    proxy,

    async prepare(row, runs = 1) {
      const ews = await startEwsSimulator({...kinds[row.exchange], tls});
      started.push(ews);
      const {failure} = row;
      if (failure !== undefined) {
        for (let run = 0; run < runs; run += 1) ews.failNext(failure);
      }

      const online = row.exchange === 'online';
      // Each row's Exchange Online has a port of its own; the name is what makes it Online.
      if (online) proxy.route(`${exchangeOnlineHost}:${ews.port}`, ews.port);
      const ewsUrl = online
        ? `https://${exchangeOnlineHost}:${ews.port}/EWS/Exchange.asmx`
        : ews.ewsUrl;
      const signIn: Partial<ExchangeSettings> =
        row.oauth === undefined
          ? {}
          : {
              authScheme: 'oauth',
              user: '',
              accessMode: 'impersonation',
              mailbox: alice,
              tenant: row.oauth.tenant ?? demoTenant.tenantId,
              clientId: row.oauth.clientId,
              authorityUrl: entra.authorityUrl,
            };
      return {
        exchange: {
          ewsUrl,
          authScheme: 'basic',
          user,
          accessMode: 'own',
          mailbox: '',
          ...signIn,
          ...row.settings,
        },
        password: row.oauth === undefined ? (row.password ?? exchangePassword) : '',
        clientSecret: row.oauth?.clientSecret ?? '',
        proxyUrl: online ? proxy.url : '',
        ews,
      };
    },

    async validate(prepared) {
      const run = validateExchange(prepared.exchange, prepared.password, {
        signal: new AbortController().signal,
        env: {},
        caFile,
        clientSecret: prepared.clientSecret,
        proxyUrl: prepared.proxyUrl,
      });
      const error = await run.then(
        () => assert.fail('expected the validation to fail'),
        (caught: unknown) => caught,
      );
      assert.ok(error instanceof BindError, `not a BindError: ${String(error)}`);
      assert.ok(error.fix.length > 0);
      assertNoSecret(error, matrixSecrets);
      return error;
    },

    async close() {
      await Promise.all([...started, entra, proxy].map((server) => server.close()));
    },
  };
}
