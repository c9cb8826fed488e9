import type {Client, SearchOptions, SearchResult} from 'ldapts';

import type {DirectoryType} from '../settings.js';
import {serverTimeLimitSeconds} from './time-limits.js';

/**
 * Entries asked for at most from a server without paging. AD answers at most 1000 entries to a
 * search without paging (MaxPageSize), so a larger sample would only raise adminLimitExceeded.
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

/** The time limits of one search request. */
export type SearchRequestLimits = {
  /** How long the client waits for the answer. */
  readonly clientMs: number;
  /** The time limit the request asks of the server, in whole seconds: shorter than clientMs. */
  readonly serverSeconds: number;
};

export type CountOptions = {
  readonly dialect: DirectoryType;
  readonly paged: boolean;
  /** The client's wait for one page, and for the search that checks an unpaged count. */
  readonly pageMs: number;
  /** The client's wait for the one search of an unpaged count. */
  readonly searchMs: number;
  /** No further request is made after this moment (performance.now() clock). */
  readonly deadline: number;
  /** Runs one request under the caller's cancellation, classification and `clientMs`. */
  readonly request: <T>(operation: () => Promise<T>, limits: SearchRequestLimits) => Promise<T>;
  /** Told the running total after every page, so a failure can say how far it got. */
  readonly onProgress?: (count: number) => void;
  /** Entries per page; mailUserPageSize unless a test wants many pages of a small tree. */
  readonly pageSize?: number;
};

/**
 * Counts the mail-enabled users under `baseDn` that the service account can see: page by page
 * when the server offers paging (until the end, or until the deadline, giving a lower bound),
 * else with one search capped at mailUserSampleLimit. No attribute values are fetched ('1.1').
 * A server's own size limit stops the count with sizeLimitExceeded, paged or not.
 */
export async function countMailUsers(
  client: Client,
  baseDn: string,
  options: CountOptions,
): Promise<MailUserCount> {
  const limitsOf = (clientMs: number): SearchRequestLimits => ({
    clientMs,
    serverSeconds: serverTimeLimitSeconds(clientMs),
  });
  const searchOptions = (limits: SearchRequestLimits): SearchOptions => ({
    scope: 'sub',
    filter: mailUserFilter(options.dialect),
    attributes: ['1.1'],
    timeLimit: limits.serverSeconds,
  });

  if (!options.paged) {
    const limits = limitsOf(options.searchMs);
    const {searchEntries} = await options.request(
      () => client.search(baseDn, {...searchOptions(limits), sizeLimit: mailUserSampleLimit}),
      limits,
    );
    const count = searchEntries.length;
    options.onProgress?.(count);
    if (count >= mailUserSampleLimit) return {count, stoppedBy: 'sample-limit', paged: false};
    if (count === 0) return {count, paged: false};
    if (performance.now() >= options.deadline) return {count, stoppedBy: 'time', paged: false};

    // ldapts takes a sizeLimitExceeded for the end of the entries whenever the request set a
    // sizeLimit, so a server whose own size limit is below the sample would pass for one with
    // fewer users. Asked again without a sizeLimit, such a server answers sizeLimitExceeded,
    // which ldapts raises; any other server sends the same `count` entries again, so this
    // search is as bounded as the first.
    const check = limitsOf(options.pageMs);
    await options.request(() => client.search(baseDn, searchOptions(check)), check);
    return {count, paged: false};
  }

  // No sizeLimit: with one, ldapts would take the server's own size limit for the end of the
  // users; without, it raises sizeLimitExceeded, which the caller reports.
  const pageSize = options.pageSize ?? mailUserPageSize;
  const page = limitsOf(options.pageMs);
  const pages = client.searchPaginated(baseDn, {...searchOptions(page), paged: {pageSize}});
  let count = 0;
  for (;;) {
    const next: IteratorResult<SearchResult> = await options.request(() => pages.next(), page);
    if (next.done) return {count, paged: true};
    count += next.value.searchEntries.length;
    options.onProgress?.(count);
    if (performance.now() >= options.deadline) {
      // The proof is made; the rest of the count is not worth an unbounded wait.
      return {count, stoppedBy: 'time', paged: true};
    }
  }
}
