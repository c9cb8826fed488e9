import {BindError} from '../bind/errors.js';
import type {SiteSettings} from '../bind/settings.js';
import {
  directoryTypeOptions,
  accessModeOptions,
  authSchemeOptions,
  tlsModeOptions,
} from '../bind/form.js';
import type {ChoiceOption} from '../bind/form.js';
import {parsePort} from '../bind/directory/port-number.js';

/**
 * Site settings given as command-line options to the non-interactive commands. None of them is
 * a secret: passwords and the application key come from stdin or the environment only.
 */
export const settingsFlagNames = [
  'site-name',
  'discovery-url',
  'app-id',
  'directory-type',
  'directory-host',
  'directory-port',
  'directory-tls',
  'base-dn',
  'directory-user',
  'ews-url',
  'exchange-auth',
  'exchange-user',
  'exchange-access',
  'mailbox',
  'tenant',
  'client-id',
  'authority-url',
  'ca-file',
  'proxy',
] as const;

export type SettingsFlagName = (typeof settingsFlagNames)[number];
export type SettingsFlags = Partial<Record<SettingsFlagName, string>>;

function choice(flag: string, value: string, options: readonly ChoiceOption[]): string {
  if (options.some((option) => option.value === value)) return value;
  const allowed = options.map((option) => option.value).join(', ');
  throw new BindError(
    'input',
    `--${flag} must be one of ${allowed}, not "${value}".`,
    `Use one of: ${allowed}.`,
  );
}

function port(value: string): number {
  const number = parsePort(value);
  if (number === null) {
    throw new BindError(
      'input',
      `--directory-port must be 1 to 65535, not "${value}".`,
      'Give the port in decimal digits, such as 389 or 636.',
      {setting: 'directoryPort'},
    );
  }
  return number;
}

export function applySettingsFlags(base: SiteSettings, flags: SettingsFlags): SiteSettings {
  const pick = (name: SettingsFlagName, current: string) => flags[name] ?? current;
  const {mimecast, directory, exchange, network} = base;
  return {
    siteName: pick('site-name', base.siteName),
    mimecast: {
      discoveryUrl: pick('discovery-url', mimecast.discoveryUrl),
      appId: pick('app-id', mimecast.appId),
    },
    directory: {
      ...directory,
      type: choice(
        'directory-type',
        pick('directory-type', directory.type),
        directoryTypeOptions,
      ) as SiteSettings['directory']['type'],
      host: pick('directory-host', directory.host),
      port: flags['directory-port'] === undefined ? directory.port : port(flags['directory-port']),
      tlsMode: choice(
        'directory-tls',
        pick('directory-tls', directory.tlsMode),
        tlsModeOptions,
      ) as SiteSettings['directory']['tlsMode'],
      baseDn: pick('base-dn', directory.baseDn),
      bindName: pick('directory-user', directory.bindName),
    },
    exchange: {
      ...exchange,
      ewsUrl: pick('ews-url', exchange.ewsUrl),
      authScheme: choice(
        'exchange-auth',
        pick('exchange-auth', exchange.authScheme),
        authSchemeOptions,
      ) as SiteSettings['exchange']['authScheme'],
      user: pick('exchange-user', exchange.user),
      accessMode: choice(
        'exchange-access',
        pick('exchange-access', exchange.accessMode),
        accessModeOptions,
      ) as SiteSettings['exchange']['accessMode'],
      mailbox: pick('mailbox', exchange.mailbox),
      tenant: pick('tenant', exchange.tenant ?? ''),
      clientId: pick('client-id', exchange.clientId ?? ''),
      authorityUrl: pick('authority-url', exchange.authorityUrl ?? ''),
    },
    network: {
      ...network,
      caFile: pick('ca-file', network.caFile),
      proxyUrl: pick('proxy', network.proxyUrl ?? ''),
    },
  };
}
