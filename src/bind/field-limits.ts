import {maxPasswordLength} from './credentials-check.js';
import type {TextFieldId} from './form.js';

/**
 * The longest value each text field takes. Every value ends up in a request line, a header, an
 * LDAP message or the saved binding, and each of those has a bound of its own (an HTTP server
 * answers an over-long header with 431, Mimecast with a generic error); a value past these
 * limits is a paste gone wrong, refused on the form with its limit rather than failing later
 * as something else.
 */
const limits: Readonly<Record<TextFieldId, number>> = {
  // Shown on every screen, in `status` and in service logs: a name, not a paragraph.
  siteName: 256,
  // URLs: the length that servers and proxies take in a request line without complaint.
  discoveryUrl: 2048,
  ewsUrl: 2048,
  exchangeAuthority: 2048,
  proxyUrl: 2048,
  // Ids and names: far above any real one (a DNS name has at most 253 characters, an Active
  // Directory DN rarely a few hundred), at the URLs' bound.
  appId: 2048,
  directoryHost: 2048,
  directoryPort: 2048,
  baseDn: 2048,
  bindName: 2048,
  exchangeUser: 2048,
  mailbox: 2048,
  exchangeTenant: 2048,
  exchangeClientId: 2048,
  // A file path: Linux's PATH_MAX.
  caFile: 4096,
  // Secrets travel in headers (Basic, a signature) and LDAP binds: the administrator
  // password's bound, far above real keys and passwords (Active Directory's limit is 256).
  appKey: maxPasswordLength,
  directoryPassword: maxPasswordLength,
  exchangePassword: maxPasswordLength,
  exchangeClientSecret: maxPasswordLength,
};

/** The most characters a field takes. */
export function maxLengthOf(id: TextFieldId): number {
  return limits[id];
}
