import type {SearchRequest, SearchResponse} from 'ldapjs';

import {inScope, normalizeDn, selectAttributes, type TreeEntry} from './directory-tree.js';
import {plainAttributes} from './plain-attributes.js';

/**
 * `result`: send up to `afterEntries` matching entries (default none), then end the search with
 * `resultCode` and `diagnostic`, e.g. 3 timeLimitExceeded, 4 sizeLimitExceeded, 10 referral,
 * 11 adminLimitExceeded. `hang`: never answer, as an overloaded server does. `slow`: answer
 * timeLimitExceeded once the time limit the request asked for has passed, as a server does whose
 * search takes longer than that; a request that asks for no time limit is never answered.
 */
export type SearchFault =
  | {
      readonly kind: 'result';
      readonly resultCode: number;
      readonly diagnostic?: string;
      readonly afterEntries?: number;
    }
  | {readonly kind: 'hang'}
  | {readonly kind: 'slow'};

const timeLimitExceeded = 3;

export function answerWithFault(
  req: SearchRequest,
  res: SearchResponse,
  tree: ReadonlyMap<string, TreeEntry>,
  fault: SearchFault,
): void {
  if (fault.kind === 'hang') return;
  if (fault.kind === 'slow') {
    if (req.timeLimit <= 0) return;
    const timer = setTimeout(() => {
      res.diagnosticMessage = 'time limit exceeded';
      res.end(timeLimitExceeded);
    }, req.timeLimit * 1000);
    req.connection.once('close', () => clearTimeout(timer));
    return;
  }
  const base = normalizeDn(req.dn.toString());
  const matching = [...tree]
    .filter(([dn]) => inScope(dn, base, req.scopeName))
    .map(([, entry]) => entry)
    .filter((entry) => req.filter.matches(plainAttributes(entry.attributes), false))
    .slice(0, fault.afterEntries ?? 0);
  res.attributes = [];
  for (const entry of matching) {
    res.send({dn: entry.dn, attributes: selectAttributes(entry.attributes, req.attributes)}, true);
  }
  if (fault.diagnostic !== undefined) res.diagnosticMessage = fault.diagnostic;
  res.end(fault.resultCode);
}
