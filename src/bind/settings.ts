/** The site settings an administrator enters once; none of them is a secret. */

export type DirectoryType = 'active-directory' | 'ldap' | 'domino';
export type DirectoryTlsMode = 'none' | 'ldaps' | 'starttls';
export type ExchangeAuthScheme = 'basic' | 'ntlm';
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
};

export type NetworkSettings = {
  /** Optional CA file (PEM) trusted in addition to the system store. */
  readonly caFile: string;
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
};

export type Credentials = {
  readonly email: string;
  readonly password: string;
};

export const defaultDiscoveryUrl = 'https://api.mimecast.com';

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
    exchange: {ewsUrl: '', authScheme: 'basic', user: '', accessMode: 'own', mailbox: ''},
    network: {caFile: ''},
  };
}

export function emptySecrets(): SiteSecrets {
  return {appKey: '', directoryPassword: '', exchangePassword: ''};
}
