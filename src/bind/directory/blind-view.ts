import {BindError} from '../errors.js';
import type {DirectorySettings} from '../settings.js';
import type {ServerKind} from './root-dse.js';
import {mailUserFilter} from './search-proof.js';
import {typeLabel} from './type-match.js';

/**
 * The bind worked but the search found nobody: the account sees the directory as an anonymous
 * user would (Domino and many OpenLDAP setups let anyone bind, and hide entries instead). It is
 * classed as a permission problem because the credentials were accepted and the base DN exists;
 * what is missing is the right to read users, or a base DN that holds them.
 * A server whose rootDSE does not say what it is was searched with the filter of the type
 * chosen, which may be the wrong one (AD's filter finds nobody in OpenLDAP): then the type is
 * the first thing to check, and the fix goes to it.
 */
export function blindViewError(
  settings: DirectorySettings,
  baseDn: string,
  server: ServerKind,
): BindError {
  const seesNobody =
    `${settings.bindName} can bind to ${server.name}, but sees no mail-enabled users under ` +
    `${baseDn || '(root)'} (filter ${mailUserFilter(settings.type)}): it gets an anonymous-like ` +
    'view of the directory.';
  const grantRead =
    'give the service account read access to users and their mail attribute under the base ' +
    'DN, or set the base DN to the part of the directory that holds the users.';
  if (server.dialect !== undefined) {
    return new BindError('permission', seesNobody, capitalised(grantRead), {setting: 'baseDn'});
  }

  const chosen = typeLabel(settings.type);
  return new BindError(
    'permission',
    `${seesNobody} Its rootDSE does not show which kind of directory it is, so the search used ` +
      `the filter of the directory type chosen, ${chosen}.`,
    `If the server is not ${chosen}, choose its directory type. If it is, ${grantRead}`,
    {setting: 'directoryType'},
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
