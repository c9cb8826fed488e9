import {startMimecastSimulator} from './mimecast/server.js';
import {startEwsSimulator} from './ews/server.js';
import {demoTenant, startEntraSimulator} from './entra/index.js';
import {startLdapSimulator} from './ldap/server.js';
import {demoFixture} from './demo-fixture.js';
import {processCertificateAuthority, writeCaFile} from './tls/index.js';
import type {SiteSecrets, SiteSettings} from '../bind/settings.js';

/**
 * The simulators of the demo site, started together on loopback: Mimecast, Exchange, the
 * directory, and Entra ID, whose app-only tokens the demo Exchange accepts besides passwords.
 */
export type DemoSimulators = {
  readonly settings: SiteSettings;
  readonly secrets: SiteSecrets;
  readonly admin: {readonly email: string; readonly password: string};
  /** What `mse-bind simulate` prints: where everything is and the demo credentials. */
  readonly summary: SimulatorSummary;
  readonly mimecast: Awaited<ReturnType<typeof startMimecastSimulator>>;
  readonly ews: Awaited<ReturnType<typeof startEwsSimulator>>;
  readonly ldap: Awaited<ReturnType<typeof startLdapSimulator>>;
  readonly entra: Awaited<ReturnType<typeof startEntraSimulator>>;
  close(): Promise<void>;
};

export type SimulatorSummary = {
  readonly discoveryUrl: string;
  readonly ewsUrl: string;
  readonly ldapUrl: string;
  readonly baseDn: string;
  readonly adminEmail: string;
  readonly adminPassword: string;
  readonly directoryUser: string;
  readonly directoryPassword: string;
  readonly exchangeUser: string;
  readonly exchangePassword: string;
  readonly appId: string;
  readonly appKey: string;
  /** OAuth (app-only) sign-in to the demo Exchange: the Entra ID tenant, app and authority. */
  readonly oauthTenant: string;
  readonly oauthClientId: string;
  readonly oauthClientSecret: string;
  readonly oauthAuthorityUrl: string;
  /** The simulators' CA certificate (PEM file), which `network.caFile` of the demo names. */
  readonly caFile: string;
};

export async function startDemoSimulators(): Promise<DemoSimulators> {
  const started: {close(): Promise<void>}[] = [];
  try {
    const mimecast = await startMimecastSimulator();
    started.push(mimecast);
    // The simulators serve HTTPS with a CA of their own; the product trusts it only because
    // the demo's CA file setting names it, so the demo takes the real certificate checks.
    const caFile = await writeCaFile(mimecast.caCertificate);
    started.push({close: caFile.remove});
    // Exchange and Entra ID are on HTTPS too, with the same CA, so the demo's step 4 checks
    // certificates.
    const {server: certificate} = await processCertificateAuthority();
    const entra = await startEntraSimulator({tls: certificate});
    started.push(entra);
    const ews = await startEwsSimulator({
      tls: certificate,
      bearer: {publicKey: entra.publicKey},
    });
    started.push(ews);
    const ldap = await startLdapSimulator();
    started.push(ldap);

    // The demo tenant's app that holds full_access_as_app with consent.
    const oauthApp = demoTenant.apps.find((app) => app.roles.includes('full_access_as_app'));
    if (oauthApp === undefined) throw new Error('the demo tenant has no consented app');

    const ldapUrl = new URL(ldap.url);
    const settings: SiteSettings = {
      siteName: demoFixture.siteName,
      mimecast: {discoveryUrl: mimecast.discoveryUrl, appId: demoFixture.mimecast.appId},
      directory: {
        type: 'ldap',
        host: ldapUrl.hostname,
        port: Number(ldapUrl.port),
        tlsMode: 'none',
        baseDn: ldap.baseDn,
        bindName: demoFixture.directory.bindName,
      },
      exchange: {
        ewsUrl: ews.ewsUrl,
        authScheme: 'basic',
        user: demoFixture.exchange.user,
        accessMode: 'own',
        mailbox: '',
        // Filled in, though Basic is chosen: switching the demo to OAuth needs only the
        // scheme, impersonation and a mailbox.
        tenant: demoTenant.tenantId,
        clientId: oauthApp.clientId,
        authorityUrl: entra.authorityUrl,
      },
      network: {caFile: caFile.path, proxyUrl: ''},
    };
    const secrets: SiteSecrets = {
      appKey: demoFixture.mimecast.appKey,
      directoryPassword: demoFixture.directory.password,
      exchangePassword: demoFixture.exchange.password,
      exchangeClientSecret: oauthApp.clientSecret,
    };
    const admin = demoFixture.mimecast.admin;
    const summary: SimulatorSummary = {
      discoveryUrl: mimecast.discoveryUrl,
      ewsUrl: ews.ewsUrl,
      ldapUrl: ldap.url,
      baseDn: ldap.baseDn,
      adminEmail: admin.email,
      adminPassword: admin.password,
      directoryUser: demoFixture.directory.bindName,
      directoryPassword: demoFixture.directory.password,
      exchangeUser: demoFixture.exchange.user,
      exchangePassword: demoFixture.exchange.password,
      appId: demoFixture.mimecast.appId,
      appKey: demoFixture.mimecast.appKey,
      oauthTenant: demoTenant.tenantId,
      oauthClientId: oauthApp.clientId,
      oauthClientSecret: oauthApp.clientSecret,
      oauthAuthorityUrl: entra.authorityUrl,
      caFile: caFile.path,
    };
    const close = async () => {
      await Promise.allSettled(started.map((server) => server.close()));
    };
    return {settings, secrets, admin, summary, mimecast, ews, ldap, entra, close};
  } catch (error) {
    await Promise.allSettled(started.map((server) => server.close()));
    throw error;
  }
}
