import {defaultDirectoryPorts} from '../settings.js';

/**
 * LDAPS sent to port 389, the port of plain LDAP and StartTLS: whatever the server does with
 * the TLS hello there (close, answer in plain text, or wait), the port is known, so the failure
 * can say so plainly instead of asking whether the port is an LDAPS one.
 */
export function isPlainLdapPort(port: number): boolean {
  return port === defaultDirectoryPorts.none;
}

export const plainLdapPortNote =
  `port ${defaultDirectoryPorts.none} is the plain LDAP port, which does not speak TLS until ` +
  'StartTLS asks for it';

export const plainLdapPortFix =
  `Choose StartTLS on port ${defaultDirectoryPorts.starttls}, or LDAPS on port ` +
  `${defaultDirectoryPorts.ldaps}.`;
