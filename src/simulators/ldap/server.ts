/**
 * A loopback LDAP server for the demo and the tests, serving the demo directory over plain
 * LDAP with ldapjs (a server library only; the bind path uses ldapts). It answers as a strict
 * OpenLDAP does: the rootDSE for anyone, entries only after a bind with a password, result 49
 * for a wrong password, 53 for a name without a password. It can also present itself as HCL
 * Domino, page its answers (RFC 2696) and hold a size limit of its own.
 * Limitation: no StartTLS or LDAPS; the TLS paths are tested against a real slapd.
 */
import type {Socket} from 'node:net';

import ldap, {type SearchRequest, type SearchResponse} from 'ldapjs';

import {demoFixture} from '../demo-fixture.js';
import {
  demoTree,
  dominoOrganization,
  dominoServiceAccount,
  dominoTree,
  inScope,
  normalizeDn,
  selectAttributes,
  type TreeEntry,
} from './directory-tree.js';
import {allowBindNameAssignment} from './ldapjs-bundle-fix.js';
import {asksForPages, pageOf} from './paging.js';
import {plainAttributes} from './plain-attributes.js';
import {rootDseEntry, type SimulatorFlavor} from './root-dse.js';
import {answerWithFault, type SearchFault} from './search-faults.js';

export type {SearchFault} from './search-faults.js';
export type {SimulatorFlavor} from './root-dse.js';

export type LdapSimulatorOptions = {
  /** Port on 127.0.0.1; 0 (the default) takes a free one. */
  readonly port?: number;
  /** Told the DN of every bind request, before it is answered (for tests and logs). */
  readonly onBind?: (dn: string) => void;
  /** Told of every search other than the rootDSE's, as it arrives. */
  readonly onSearch?: (search: SearchSeen) => void;
  /** Told of every unbind request (a client ending its session politely). */
  readonly onUnbind?: () => void;
  /** `domino`: a Domino-shaped rootDSE and directory. Default `generic`. */
  readonly flavor?: SimulatorFlavor;
  /** Offer the paged results control in the rootDSE, and page answers. Default off. */
  readonly paging?: boolean;
  /**
   * The server's own size limit, as slapd's `limits ... size=N`: a search that matches more
   * entries ends with result 4 after this many, whatever size limit the request asked for.
   */
  readonly sizeLimit?: number;
};

/** A search request as it arrived. */
export type SearchSeen = {
  readonly base: string;
  readonly scope: 'base' | 'single' | 'subtree';
  readonly filter: string;
  readonly sizeLimit: number;
  /** Seconds; 0 means none. */
  readonly timeLimit: number;
  readonly paged: boolean;
};

export type LdapSimulator = {
  /** `ldap://127.0.0.1:P` */
  readonly url: string;
  /** The base DN of the users (Domino: the organisation, which its rootDSE does not name). */
  readonly baseDn: string;
  /** The service account's DN; its password is the demo directory password. */
  readonly bindName: string;
  /** Connections open now. */
  openConnections(): number;
  close(): Promise<void>;
  /** Makes `dn` a bindable account with this password (or changes it: a password rotation). */
  setPassword(dn: string, password: string): void;
  /**
   * Makes every bind of `dn` fail with result 49 and Active Directory's diagnostic for the
   * given `data` sub-code (e.g. '773', must change password); undefined clears it.
   */
  setBindDiagnostic(dn: string, adDataCode: string | undefined): void;
  /**
   * Makes every search other than the rootDSE's go wrong as `fault` says, for the result codes
   * a real server returns only under load or in a larger directory; undefined clears it.
   */
  setSearchFault(fault: SearchFault | undefined): void;
};

const resultCode = {
  success: 0,
  sizeLimitExceeded: 4,
  noSuchObject: 32,
  invalidCredentials: 49,
  unwillingToPerform: 53,
} as const;

/** The text AD sends with a failed bind; mse-bind reads the `data` value from it. */
export function adBindDiagnostic(adDataCode: string): string {
  return (
    '80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, ' +
    `data ${adDataCode}, v4563`
  );
}

export async function startLdapSimulator(
  options: LdapSimulatorOptions = {},
): Promise<LdapSimulator> {
  const flavor = options.flavor ?? 'generic';
  const domino = flavor === 'domino';
  const entries = domino ? dominoTree() : demoTree();
  const tree = new Map(entries.map((entry) => [normalizeDn(entry.dn), entry]));
  const bindName = domino ? dominoServiceAccount : demoFixture.directory.bindName;
  const passwords = new Map([[normalizeDn(bindName), demoFixture.directory.password as string]]);
  const answers: Answers = {
    rootDse: rootDseEntry(flavor, options.paging ?? false),
    paging: options.paging ?? false,
    // Domino keeps no entry at the root, but a search from it covers the whole directory.
    rootSearchable: domino,
    ...(options.sizeLimit === undefined ? {} : {sizeLimit: options.sizeLimit}),
  };
  const diagnostics = new Map<string, string>();
  // The bound account per connection; absent means anonymous. ldapjs' own notion of the bound
  // DN also counts a failed or password-less bind, so it is not used.
  const boundAs = new WeakMap<Socket, string>();
  const sockets = new Set<Socket>();

  allowBindNameAssignment();
  const server = ldap.createServer();
  server.server.on('connection', (socket: Socket) => {
    // ldapjs writes each entry and the result apart: with Nagle's algorithm on, the result waits
    // for the client's delayed ACK (about 40 ms a search on loopback).
    socket.setNoDelay(true);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  // ldapjs reports a request it cannot parse (a malformed DN, a TLS hello on the plain port)
  // as a server 'error' after answering it with protocolError; unheard, that event would end
  // the whole process, and with it the demo. A real server answers and carries on.
  server.on('error', () => {});

  server.bind('', (req, res, next) => {
    const dn = normalizeDn(String(req.dn));
    options.onBind?.(dn);
    boundAs.delete(req.connection);
    const diagnostic = diagnostics.get(dn);
    if (req.credentials === '') {
      res.diagnosticMessage = 'unauthenticated bind (DN with no password) disallowed';
      res.end(resultCode.unwillingToPerform);
    } else if (diagnostic !== undefined) {
      res.diagnosticMessage = diagnostic;
      res.end(resultCode.invalidCredentials);
    } else if (passwords.get(dn) !== req.credentials) {
      res.end(resultCode.invalidCredentials);
    } else {
      boundAs.set(req.connection, dn);
      res.end(resultCode.success);
    }
    next();
  });

  let searchFault: SearchFault | undefined;
  server.search('', (req, res, next) => {
    const isRootDse = normalizeDn(req.dn.toString()) === '' && req.scopeName === 'base';
    if (!isRootDse) options.onSearch?.(searchSeen(req));
    if (searchFault !== undefined && !isRootDse && boundAs.has(req.connection)) {
      answerWithFault(req, res, tree, searchFault);
    } else {
      answerSearch(req, res, tree, boundAs.has(req.connection), answers);
    }
    next();
  });

  // Answered by closing the connection (RFC 4511 4.3), which ldapjs does on end().
  server.unbind((_req, res, next) => {
    options.onUnbind?.();
    res.end();
    next();
  });

  const port = options.port ?? 0;
  await new Promise<void>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.server.removeListener('error', reject);
      resolve();
    });
  });

  return {
    url: `ldap://127.0.0.1:${server.address().port}`,
    baseDn: domino ? dominoOrganization : demoFixture.directory.baseDn,
    bindName,
    openConnections: () => sockets.size,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
    setPassword(dn, password) {
      passwords.set(normalizeDn(dn), password);
    },
    setBindDiagnostic(dn, adDataCode) {
      if (adDataCode === undefined) diagnostics.delete(normalizeDn(dn));
      else diagnostics.set(normalizeDn(dn), adBindDiagnostic(adDataCode));
    },
    setSearchFault(fault) {
      searchFault = fault;
    },
  };
}

/** How the server answers searches beyond its tree: what it shows and what it limits. */
type Answers = {
  readonly rootDse: TreeEntry;
  readonly paging: boolean;
  readonly rootSearchable: boolean;
  readonly sizeLimit?: number;
};

function searchSeen(req: SearchRequest): SearchSeen {
  return {
    base: req.dn.toString(),
    scope: req.scopeName,
    filter: req.filter.toString(),
    sizeLimit: req.sizeLimit,
    timeLimit: req.timeLimit,
    paged: asksForPages(req.controls),
  };
}

/**
 * The rootDSE for anyone; other entries only for a bound account (anonymous sees an empty
 * result, as a directory that hides itself from anonymous users does). Honours the request's
 * size limit and the server's own, and pages when paging is on.
 * Limitation: equality filters compare values case-sensitively except for objectClass (the
 * ldapjs matcher), where a real server would follow each attribute's matching rule.
 */
function answerSearch(
  req: SearchRequest,
  res: SearchResponse,
  tree: ReadonlyMap<string, TreeEntry>,
  authenticated: boolean,
  answers: Answers,
): void {
  const base = normalizeDn(req.dn.toString());
  if (base === '' && req.scopeName === 'base') {
    sendMatching([answers.rootDse], req, res, answers);
    return;
  }
  if (!authenticated) {
    res.end(resultCode.success);
    return;
  }
  if (!tree.has(base) && !(base === '' && answers.rootSearchable)) {
    res.diagnosticMessage = `no such entry: ${req.dn.toString()}`;
    res.end(resultCode.noSuchObject);
    return;
  }
  const candidates = [...tree].filter(([dn]) => inScope(dn, base, req.scopeName));
  sendMatching(
    candidates.map(([, entry]) => entry),
    req,
    res,
    answers,
  );
}

function sendMatching(
  entries: readonly TreeEntry[],
  req: SearchRequest,
  res: SearchResponse,
  answers: Answers,
): void {
  const matching = entries.filter((entry) =>
    req.filter.matches(plainAttributes(entry.attributes), false),
  );
  const asked = req.sizeLimit > 0 ? req.sizeLimit : Infinity;
  const limit = Math.min(asked, answers.sizeLimit ?? Infinity);
  // ldapjs would drop every attribute whose lower-cased name is not listed exactly as the
  // client spelled it (even with noFiltering); selectAttributes already chose them.
  res.attributes = [];
  const send = (chosen: readonly TreeEntry[]): void => {
    for (const entry of chosen) {
      const attributes = selectAttributes(entry.attributes, req.attributes);
      res.send({dn: entry.dn, attributes}, true);
    }
  };
  if (matching.length > limit) {
    // A size limit ends the search after its entries, pages or not (as slapd does).
    send(matching.slice(0, limit));
    res.end(resultCode.sizeLimitExceeded);
    return;
  }
  const page = answers.paging ? pageOf(matching, req.controls) : {entries: matching};
  send(page.entries);
  if (page.control !== undefined) res.addControl(page.control);
  res.end(resultCode.success);
}
