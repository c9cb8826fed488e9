import {BindError} from '../errors.js';

/**
 * Exchange Online's EWS hosts, worldwide and in the national clouds: there Basic and NTLM are
 * retired and EWS itself is being switched off.
 */
export const exchangeOnlineHosts: readonly string[] = [
  'outlook.office365.com',
  'outlook.office.com',
  'outlook.office365.us',
  'outlook-dod.office365.us',
  'partner.outlook.cn',
];

/** Exchange Online's one EWS endpoint, used for OAuth when no EWS URL is given. */
export const exchangeOnlineEwsUrl = 'https://outlook.office365.com/EWS/Exchange.asmx';

/**
 * The EWS URL as typed, checked before any connection: Basic auth sends the password with
 * every request, so it only ever travels over TLS.
 */
export function parseEwsUrl(typed: string): URL {
  return parseServiceUrl(typed, {
    name: 'The EWS URL',
    example: 'https://<mail server>/EWS/Exchange.asmx',
    setting: 'ewsUrl',
  });
}

export type ServiceUrlRules = {
  /** How a message names the URL, e.g. `The EWS URL`. */
  readonly name: string;
  readonly example: string;
  readonly setting: string;
};

/**
 * An https URL without user information. Plain http is refused for every host, loopback
 * included: what is sent there (a password, a client secret, a token) would travel in the
 * clear, and the loopback simulators serve HTTPS like the real services.
 */
export function parseServiceUrl(typed: string, rules: ServiceUrlRules): URL {
  let url: URL;
  try {
    url = new URL(typed.trim());
  } catch {
    throw new BindError(
      'input',
      `${rules.name} is not a valid URL; it must look like ${rules.example}.`,
      `Enter it as ${rules.example}.`,
      {setting: rules.setting},
    );
  }

  if (url.username !== '' || url.password !== '') {
    throw new BindError(
      'input',
      `${rules.name} contains a user name or password.`,
      'Remove them from the URL; credentials have their own fields.',
      {setting: rules.setting},
    );
  }

  if (url.protocol === 'https:') return url;
  throw new BindError(
    'input',
    url.protocol === 'http:'
      ? `${rules.name} (${url.href}) must use https://; plain http:// is refused.`
      : `${rules.name} must start with https:// (got ${url.protocol}//${url.host}).`,
    `Enter it as ${rules.example}; secrets never travel unencrypted.`,
    {setting: rules.setting},
  );
}

/**
 * Whether the EWS URL names Exchange Online. Its host decides: Exchange Online serves EWS at
 * these fixed names only. What a server says about itself does not: on-premises Exchange sends
 * the same X-FEServer and X-CalculatedBETarget headers, and with Hybrid Modern Authentication
 * the same Bearer challenge naming Entra ID, so a server that only sounds like Exchange Online
 * must not be told that Basic is retired or that EWS is being switched off.
 */
export function isExchangeOnline(url: URL): boolean {
  const host = url.hostname.toLowerCase();
  return exchangeOnlineHosts.includes(host);
}
