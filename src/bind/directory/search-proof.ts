import type {Client, SearchOptions, SearchResult} from 'ldapts';

import type {DirectoryType} from '../settings.js';

/**
 * Entries asked for at most from a server without paging. AD answers at most 1000 entries to a
 * search without paging (MaxPageSize), so a larger sample would only raise adminLimitExceeded.
 * Limitation: a server-imposed size limit below this sample is not told apart from the end of
 * the users (ldapts accepts a sizeLimitExceeded as success when the request set a sizeLimit),
 * so such a server reads as having fewer users. Servers that offer paging are counted in full.
 */
export const mailUserSampleLimit = 1000;

/** Entries per page. AD's MaxPageSize defaults to 1000; a smaller page keeps each answer quick. */
export const mailUserPageSize = 500;

const mailUserFilters: Readonly<Record<DirectoryType, string>> = {
  'active-directory': '(&(objectCategory=person)(objectClass=user)(mail=*))',
  ldap: '(&(objectClass=inetOrgPerson)(mail=*))',
  domino: '(&(objectClass=person)(mail=*))',
};

export function mailUserFilter(dialect: DirectoryType): string {
  return mailUserFilters[dialect];
}

export type MailUserCount = {
  readonly count: number;
  /** Why counting stopped before the end, if it did: the time budget or the sample size. */
  readonly stoppedBy?: 'time' | 'sample-limit';
  readonly paged: boolean;
};

export type CountOptions = {
  readonly dialect: DirectoryType;
  readonly paged: boolean;
  /** Sent to the server as the search's time limit. */
  readonly timeLimitSeconds: number;
  /** No further page is asked for after this moment (performance.now() clock). */
  readonly deadline: number;
  /** Runs one request under the caller's time limit, cancellation and classification. */
  readonly request: <T>(operation: () => Promise<T>) => Promise<T>;
  /** Told the running total after every page, so a failure can say how far it got. */
  readonly onProgress?: (count: number) => void;
  /** Entries per page; mailUserPageSize unless a test wants many pages of a small tree. */
  readonly pageSize?: number;
};

/**
 * Counts the mail-enabled users under `baseDn` that the service account can see: page by page
 * when the server offers paging (until the end, or until the deadline, giving a lower bound),
 * else with one search capped at mailUserSampleLimit. No attribute values are fetched ('1.1').
 */
export async function countMailUsers(
  client: Client,
  baseDn: string,
  options: CountOptions,
): Promise<MailUserCount> {
  const search: SearchOptions = {
    scope: 'sub',
    filter: mailUserFilter(options.dialect),
    attributes: ['1.1'],
    timeLimit: options.timeLimitSeconds,
  };

  if (!options.paged) {
    const {searchEntries} = await options.request(() =>
      client.search(baseDn, {...search, sizeLimit: mailUserSampleLimit}),
    );
    const count = searchEntries.length;
    options.onProgress?.(count);
    return count >= mailUserSampleLimit
      ? {count, stoppedBy: 'sample-limit', paged: false}
      : {count, paged: false};
  }

  // No sizeLimit: with one, ldapts would take the server's own size limit for the end of the
  // users; without, it raises sizeLimitExceeded, which the caller reports.
  const pageSize = options.pageSize ?? mailUserPageSize;
  const pages = client.searchPaginated(baseDn, {...search, paged: {pageSize}});
  let count = 0;
  for (;;) {
    const page: IteratorResult<SearchResult> = await options.request(() => pages.next());
    if (page.done) return {count, paged: true};
    count += page.value.searchEntries.length;
    options.onProgress?.(count);
    if (performance.now() >= options.deadline) {
      // The proof is made; the rest of the count is not worth an unbounded wait.
      return {count, stoppedBy: 'time', paged: true};
    }
  }
}
