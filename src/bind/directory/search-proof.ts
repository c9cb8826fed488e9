import type {Client} from 'ldapts';

import type {DirectoryType} from '../settings.js';

/**
 * Entries asked for at most. AD answers at most 1000 entries to a search without paging
 * (MaxPageSize), so a larger sample would only raise adminLimitExceeded.
 * Limitation: the count stops at this sample size; it is a proof of visibility, not a census.
 */
export const mailUserSampleLimit = 1000;

const mailUserFilters: Readonly<Record<DirectoryType, string>> = {
  'active-directory': '(&(objectCategory=person)(objectClass=user)(mail=*))',
  ldap: '(&(objectClass=inetOrgPerson)(mail=*))',
  domino: '(&(objectClass=person)(mail=*))',
};

export function mailUserFilter(dialect: DirectoryType): string {
  return mailUserFilters[dialect];
}

/**
 * One bounded subtree search for mail-enabled users under `baseDn`; returns how many it saw
 * (capped at mailUserSampleLimit). ldapts accepts the server's sizeLimitExceeded as a partial
 * success because the request carries a sizeLimit.
 */
export async function countMailUsers(
  client: Client,
  baseDn: string,
  dialect: DirectoryType,
  timeLimitSeconds: number,
): Promise<number> {
  const {searchEntries} = await client.search(baseDn, {
    scope: 'sub',
    filter: mailUserFilter(dialect),
    attributes: ['mail'],
    sizeLimit: mailUserSampleLimit,
    timeLimit: timeLimitSeconds,
  });
  return searchEntries.length;
}
