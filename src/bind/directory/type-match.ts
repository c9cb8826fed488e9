import {BindError} from '../errors.js';
import {directoryTypeOptions} from '../form.js';
import type {DirectorySettings, DirectoryType} from '../settings.js';
import {bindNameFormProblem} from './input-checks.js';
import type {ServerKind} from './root-dse.js';

/**
 * The failure for a directory type that the server's own rootDSE contradicts, or undefined
 * when the type fits. A server whose rootDSE does not give the product away (hidden, or from a
 * product not recognised) is never refused on that ground: any type may be right for it.
 *
 * A recognised server fits one type only, and every other type is refused:
 * - Active Directory chosen for OpenLDAP or Domino: AD's filter asks for objectCategory and
 *   objectClass=user, which OpenLDAP's schema lacks (Domino's too, inferred), so the search
 *   finds nobody and looks like a permission problem; AD's name rules let user@domain and
 *   DOMAIN\user through, which OpenLDAP refuses as no DN.
 * - Generic LDAP chosen for AD: the search would find no one, as AD's users are of class user,
 *   not inetOrgPerson; and the name rules would refuse user@domain, which AD takes. The form
 *   already sends such a name to the Active Directory type before connecting.
 * - Generic LDAP chosen for Domino: Domino has a type of its own, whose filter and root search
 *   fit a directory that may name no naming context.
 * - Domino chosen for AD or OpenLDAP: the Domino filter (any person with mail) is too wide for
 *   AD, where computers and contacts can be persons, and its name rules let short names through,
 *   which neither server takes.
 * Either way the settings disagree with the server: the type is wrong, or the host is not the
 * site's directory server, so the fix names both.
 */
export function typeMismatch(
  settings: DirectorySettings,
  server: ServerKind,
): BindError | undefined {
  const found = server.dialect;
  if (found === undefined || found === settings.type) return undefined;

  const nameAdvice =
    bindNameFormProblem(found, settings.bindName.trim()) === undefined
      ? ''
      : ` and enter the service account as ${nameForms[found]}`;
  return new BindError(
    'input',
    `${settings.host}:${settings.port} says it is ${server.name}, but the directory type ` +
      `chosen is ${typeLabel(settings.type)}.`,
    `Choose ${typeLabel(found)} as the directory type${nameAdvice}. If the site's directory ` +
      `is ${typeLabel(settings.type)}, correct the directory server instead.`,
    {setting: 'directoryType'},
  );
}

/** How each type's server takes the service account's name, for the fix above. */
const nameForms: Readonly<Record<DirectoryType, string>> = {
  'active-directory': 'user@domain, DOMAIN\\user or its DN',
  ldap: 'its full DN (cn=...,ou=...,dc=...)',
  domino: 'its short name or its DN',
};

/** The type as the settings form names it. */
export function typeLabel(type: DirectoryType): string {
  return directoryTypeOptions.find((option) => option.value === type)?.label ?? type;
}
