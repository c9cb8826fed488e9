import type {Client, Entry} from 'ldapts';

import {BindError} from '../errors.js';
import type {DirectoryType} from '../settings.js';
import {enclosingScope, parentDn} from './dn-scope.js';
import type {RootDse} from './root-dse.js';
import {mailUserFilter} from './search-proof.js';

/**
 * What the service account's view shows once it found no mail-enabled users under the base DN,
 * to tell "the base DN holds none" from "the account may not see them":
 * - `users-elsewhere`: it does see mail-enabled users above the base DN, under `scope` (one of
 *   them under `container`): the base DN holds none.
 * - `hidden-entries`: it sees no entry below the base DN, which the server says has some
 *   (hasSubordinates TRUE): the account may not read them.
 * - `no-entries`: it sees no entry below the base DN, and the server says there is none
 *   (hasSubordinates FALSE): the base DN holds nothing at all.
 * - `unknown`: the server does not tell; `seesEntries` says whether the account sees any entry
 *   directly below the base DN (undefined when that was not found out).
 */
export type EmptyViewFindings =
  | {readonly kind: 'users-elsewhere'; readonly scope: string; readonly container: string}
  | {readonly kind: 'hidden-entries'}
  | {readonly kind: 'no-entries'}
  | {readonly kind: 'unknown'; readonly seesEntries: boolean | undefined};

export type ProbeOptions = {
  readonly dialect: DirectoryType;
  /** The rootDSE as read (possibly empty); its naming contexts bound the search above. */
  readonly rootDse: RootDse | undefined;
  /** Runs one request under the caller's limits, cancellation and classification. */
  readonly request: <T>(operation: () => Promise<T>) => Promise<T>;
};

/**
 * Looks around a base DN where the count found nobody, with at most three small searches (one
 * entry each, no values but hasSubordinates). Each one either tells or is skipped: a request the
 * server refuses, or one that fails, leaves its question open rather than failing the check, whose
 * finding stays "no mail-enabled users". A cancel still ends it.
 * Limitation: Active Directory does not offer hasSubordinates, so there only the search above the
 * base DN can tell.
 */
export async function probeEmptyView(
  client: Client,
  baseDn: string,
  options: ProbeOptions,
): Promise<EmptyViewFindings> {
  const ask = async (operation: () => Promise<Entry[]>): Promise<Entry[] | undefined> => {
    try {
      return await options.request(operation);
    } catch (error) {
      if (error instanceof BindError && error.errorClass === 'cancelled') throw error;
      return undefined;
    }
  };
  const one = (base: string, scope: 'base' | 'one' | 'sub', filter: string, attributes: string[]) =>
    ask(
      async () =>
        (await client.search(base, {scope, filter, attributes, sizeLimit: 1})).searchEntries,
    );

  const scope = enclosingScope(baseDn, options.rootDse);
  if (scope !== undefined) {
    const user = (await one(scope, 'sub', mailUserFilter(options.dialect), ['1.1']))?.[0];
    if (user !== undefined) return {kind: 'users-elsewhere', scope, container: parentDn(user.dn)};
  }
  // The root ('') has the rootDSE for its entry, and no children a search would list.
  if (baseDn === '') return {kind: 'unknown', seesEntries: undefined};

  const children = await one(baseDn, 'one', '(objectClass=*)', ['1.1']);
  if (children === undefined) return {kind: 'unknown', seesEntries: undefined};
  if (children.length > 0) return {kind: 'unknown', seesEntries: true};

  const base = (await one(baseDn, 'base', '(objectClass=*)', ['hasSubordinates']))?.[0];
  const value = base === undefined ? undefined : hasSubordinates(base);
  if (value === 'TRUE') return {kind: 'hidden-entries'};
  if (value === 'FALSE') return {kind: 'no-entries'};
  return {kind: 'unknown', seesEntries: false};
}

/** The hasSubordinates value an entry shows, upper-case, if it shows one. */
function hasSubordinates(entry: Entry): string | undefined {
  const key = Object.keys(entry).find((name) => name.toLowerCase() === 'hassubordinates');
  const value = key === undefined ? undefined : entry[key];
  const first = Array.isArray(value) ? value[0] : value;
  if (first === undefined) return undefined;
  return (Buffer.isBuffer(first) ? first.toString('utf8') : first).toUpperCase();
}
