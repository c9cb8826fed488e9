import {BindError} from '../errors.js';
import type {DirectorySettings} from '../settings.js';
import {leaveEmptyAdvice} from './leave-empty-advice.js';
import type {ServerKind} from './root-dse.js';
import {mailUserFilter} from './search-proof.js';
import {typeLabel} from './type-match.js';
import type {EmptyViewFindings} from './view-probe.js';

/**
 * The bind worked but the search found nobody. Two causes look alike from the count alone: the
 * base DN holds no mail-enabled users (an OU of service accounts, say), or the account may not
 * see them (Domino and many OpenLDAP setups let anyone bind, and hide entries instead). Where
 * the view around the base DN tells them apart, each gets its own class, message and fix: a
 * base DN to change is not-found, a right to grant is permission. Where it does not, both are
 * said, the base DN first (it is checked in the settings, the rights only on the server), and
 * the class stays permission, as the credentials were accepted and the base DN exists.
 * A server whose rootDSE does not say what it is was searched with the filter of the type
 * chosen, which may be the wrong one (AD's filter finds nobody in OpenLDAP): while the cause is
 * open the type is the first thing to check, and the fix goes to it.
 */
export function noMailUsersError(
  settings: DirectorySettings,
  baseDn: string,
  server: ServerKind,
  findings: EmptyViewFindings,
  defaultBaseDn: string | undefined,
): BindError {
  const base = baseDn || '(root)';
  const account = settings.bindName;
  const filter = `filter ${mailUserFilter(settings.type)}`;
  const leaveEmpty = leaveEmptyAdvice({
    settings,
    ...(defaultBaseDn === undefined ? {} : {defaultBaseDn}),
  });
  const orLeaveEmpty = leaveEmpty === undefined ? '' : `, or ${leaveEmpty}`;
  const grantRead = `give the service account read access to users and their mail attribute under ${base}.`;

  switch (findings.kind) {
    case 'users-elsewhere': {
      const {scope, container} = findings;
      const where = container === scope ? scope : `${container} (or ${scope}, all of it)`;
      return new BindError(
        'not-found',
        `The base DN ${base} holds no mail-enabled users (${filter}): ${account} finds none ` +
          `there, yet sees some elsewhere in ${scope}, e.g. under ${container}.`,
        `Set the base DN to the part of the directory that holds the users: ${where}.`,
        {setting: 'baseDn'},
      );
    }
    case 'hidden-entries':
      return new BindError(
        'permission',
        `${account} can bind to ${server.name}, but sees no entry under ${base}, though the ` +
          'server says it has entries below it (hasSubordinates): the account may not read ' +
          'them, an anonymous-like view of the directory.',
        capitalised(grantRead),
      );
    case 'no-entries':
      return new BindError(
        'not-found',
        `The base DN ${base} has no entries below it (the server says hasSubordinates is ` +
          'FALSE), so it holds no mail-enabled users.',
        `Set the base DN to the part of the directory that holds the users${orLeaveEmpty}.`,
        {setting: 'baseDn'},
      );
    case 'unknown':
      break;
    default: {
      const exhaustive: never = findings;
      return exhaustive;
    }
  }

  const seesNothing =
    findings.seesEntries === false ? ` It sees no entry directly below ${base} at all.` : '';
  const eitherCause =
    `${account} can bind to ${server.name}, but finds no mail-enabled users under ${base} ` +
    `(${filter}). Either the base DN holds none, or the account may not see them; the server ` +
    `does not show which.${seesNothing}`;
  const checkBaseFirst =
    `check the base DN first: set it to the part of the directory that holds the users` +
    `${orLeaveEmpty}. If the users are there, ${grantRead}`;
  if (server.dialect !== undefined) {
    return new BindError('permission', eitherCause, capitalised(checkBaseFirst), {
      setting: 'baseDn',
    });
  }

  const chosen = typeLabel(settings.type);
  return new BindError(
    'permission',
    `${eitherCause} Its rootDSE does not show which kind of directory it is, so the search used ` +
      `the filter of the directory type chosen, ${chosen}.`,
    `If the server is not ${chosen}, choose its directory type. If it is, ${checkBaseFirst}`,
    {setting: 'directoryType'},
  );
}

function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
