/** The site settings an administrator enters once; none of them is a secret. */

export type DirectoryType = 'active-directory' | 'ldap' | 'domino';
export type DirectoryTlsMode = 'none' | 'ldaps' | 'starttls';
/**
 * `auto` starts an NTLM handshake and falls back to Basic when the server's challenges offer
 * no NTLM; `oauth` is the Exchange Online app-only flow (client credentials from Entra ID).
 */
export type ExchangeAuthScheme = 'basic' | 'ntlm' | 'auto' | 'oauth';
export type ExchangeAccessMode = 'own' | 'delegate' | 'impersonation';

export type MimecastSettings = {
  /** Global discovery host; `https://api.mimecast.com` unless a private instance says otherwise. */
  readonly discoveryUrl: string;
  /** Application id registered in the Administration Console (sent as `x-mc-app-id`). */
  readonly appId: string;
};

export type DirectorySettings = {
  readonly type: DirectoryType;
  readonly host: string;
  readonly port: number;
  readonly tlsMode: DirectoryTlsMode;
  /** Empty means: read it from the rootDSE. */
  readonly baseDn: string;
  /** Service account: a DN, or for Active Directory also a UPN or `DOMAIN\user`. */
  readonly bindName: string;
};

export type ExchangeSettings = {
  readonly ewsUrl: string;
  readonly authScheme: ExchangeAuthScheme;
  readonly user: string;
  readonly accessMode: ExchangeAccessMode;
  /** The mailbox probed in delegate and impersonation modes. */
  readonly mailbox: string;
  /** OAuth: the Entra ID tenant (directory id or a verified domain). */
  readonly tenant?: string;
  /** OAuth: the application (client) id of the app registration. */
  readonly clientId?: string;
  /** OAuth: where Entra ID's token endpoint lives; empty means `defaultEntraAuthority`. */
  readonly authorityUrl?: string;
};

export type NetworkSettings = {
  /** Optional CA file (PEM) trusted in addition to the system store. */
  readonly caFile: string;
  /**
   * Optional proxy for HTTPS traffic, Mimecast's and Exchange's (`http://host:port`); empty
   * or absent means HTTPS_PROXY from the environment, if set. NO_PROXY applies either way.
   */
  readonly proxyUrl?: string;
};

export type SiteSettings = {
  readonly siteName: string;
  readonly mimecast: MimecastSettings;
  readonly directory: DirectorySettings;
  readonly exchange: ExchangeSettings;
  readonly network: NetworkSettings;
};

/** Secrets typed on the screen or read from stdin / environment; never from argv or a file. */
export type SiteSecrets = {
  /** Mimecast application key (stored encrypted with the binding). */
  readonly appKey: string;
  readonly directoryPassword: string;
  readonly exchangePassword: string;
  /** OAuth: the app registration's client secret (stored encrypted with the binding). */
  readonly exchangeClientSecret?: string;
};

export type Credentials = {
  readonly email: string;
  readonly password: string;
};

export const defaultDiscoveryUrl = 'https://api.mimecast.com';

/** Entra ID's global authority; national clouds have their own. */
export const defaultEntraAuthority = 'https://login.microsoftonline.com';

export const defaultDirectoryPorts: Readonly<Record<DirectoryTlsMode, number>> = {
  none: 389,
  starttls: 389,
  ldaps: 636,
};

export function emptySettings(): SiteSettings {
  return {
    siteName: '',
    mimecast: {discoveryUrl: defaultDiscoveryUrl, appId: ''},
    directory: {
      type: 'active-directory',
      host: '',
      port: defaultDirectoryPorts.ldaps,
      tlsMode: 'ldaps',
      baseDn: '',
      bindName: '',
    },
    exchange: {
      ewsUrl: '',
      authScheme: 'basic',
      user: '',
      accessMode: 'own',
      mailbox: '',
      tenant: '',
      clientId: '',
      authorityUrl: defaultEntraAuthority,
    },
    network: {caFile: '', proxyUrl: ''},
  };
}

export function emptySecrets(): SiteSecrets {
  return {appKey: '', directoryPassword: '', exchangePassword: '', exchangeClientSecret: ''};
}
