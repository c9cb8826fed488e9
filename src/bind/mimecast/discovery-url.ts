import {parseApiBase} from './api-base.js';

/**
 * The discovery URL setting, checked as step 1 uses it: an https:// origin. The settings form
 * makes the same check, so a plain http:// URL is refused before the directory and Exchange
 * are contacted, not when step 1 reaches it.
 */
export function parseDiscoveryUrl(typed: string): string {
  return parseApiBase(typed, {
    errorClass: 'input',
    label: 'The discovery URL',
    setting: 'discoveryUrl',
    fix:
      'Set the discovery URL in the site settings to https://api.mimecast.com unless ' +
      'Mimecast support gave you another.',
  });
}
