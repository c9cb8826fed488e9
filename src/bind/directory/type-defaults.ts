import {defaultDirectoryPorts, type DirectoryTlsMode, type DirectoryType} from '../settings.js';

/**
 * How each kind of directory server is usually reached, which the settings form offers when a
 * type is chosen. Every type leaves the base DN empty, to be read from the rootDSE (AD's
 * defaultNamingContext, else the first namingContexts; a Domino server that names none is
 * searched from the root), and the service account's name form is checked per type before the
 * bind (input-checks.ts: a DN for generic LDAP; also user@domain or DOMAIN\user for AD; also a
 * short name for Domino).
 *
 * - Active Directory: LDAPS. A DC that requires signing (Windows Server 2025 does by default)
 *   refuses a simple bind on plain 389, and ldapts has no signing SASL mechanism.
 * - Generic LDAP (OpenLDAP): StartTLS on 389, the standard way; OpenLDAP calls ldaps://
 *   deprecated in its favour. Inferred: no source names one default for every LDAP server.
 * - HCL Domino: LDAPS. Out of the box Domino's LDAP task listens on 389 without TLS; its TLS
 *   port (usually 636) answers once the server has a certificate. Inferred: no source says
 *   whether Domino offers StartTLS. Plain LDAP would send the password in clear, so it stays a
 *   choice the administrator makes.
 */
export const directoryTypeTlsModes: Readonly<Record<DirectoryType, DirectoryTlsMode>> = {
  'active-directory': 'ldaps',
  ldap: 'starttls',
  domino: 'ldaps',
};

export type DirectoryTypeDefaults = {
  readonly tlsMode: DirectoryTlsMode;
  readonly port: number;
};

export function directoryTypeDefaults(type: DirectoryType): DirectoryTypeDefaults {
  const tlsMode = directoryTypeTlsModes[type];
  return {tlsMode, port: defaultDirectoryPorts[tlsMode]};
}
