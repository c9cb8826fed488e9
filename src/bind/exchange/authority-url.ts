import {parseServiceUrl} from './ews-url.js';

/**
 * The Entra ID authority URL as typed, checked before any connection: the client secret
 * travels to it in the form body, so it is https only.
 */
export function parseAuthorityUrl(typed: string): URL {
  return parseServiceUrl(typed, {
    name: 'The Entra ID authority URL',
    example: 'https://login.microsoftonline.com',
    setting: 'exchangeAuthority',
  });
}
