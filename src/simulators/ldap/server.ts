/**
 * A loopback LDAP server for the demo and the tests, serving the demo directory over plain
 * LDAP with ldapjs (a server library only; the bind path uses ldapts). It answers as a strict
 * OpenLDAP does: the rootDSE for anyone, entries only after a bind with a password, result 49
 * for a wrong password, 53 for a name without a password.
 * Limitation: no StartTLS or LDAPS; the TLS paths are tested against a real slapd.
 */
import type {Socket} from 'node:net';

import ldap, {type SearchRequest, type SearchResponse} from 'ldapjs';

import {demoFixture} from '../demo-fixture.js';
import {
  demoTree,
  inScope,
  normalizeDn,
  selectAttributes,
  type TreeEntry,
} from './directory-tree.js';
import {allowBindNameAssignment} from './ldapjs-bundle-fix.js';

export type LdapSimulatorOptions = {
  /** Port on 127.0.0.1; 0 (the default) takes a free one. */
  readonly port?: number;
  /** Told the DN of every bind request, before it is answered (for tests and logs). */
  readonly onBind?: (dn: string) => void;
};

export type LdapSimulator = {
  /** `ldap://127.0.0.1:P` */
  readonly url: string;
  readonly baseDn: string;
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

/**
 * `result`: send up to `afterEntries` matching entries (default none), then end the search with
 * `resultCode` and `diagnostic`, e.g. 3 timeLimitExceeded, 4 sizeLimitExceeded, 10 referral,
 * 11 adminLimitExceeded. `hang`: never answer, as an overloaded server does.
 */
export type SearchFault =
  | {
      readonly kind: 'result';
      readonly resultCode: number;
      readonly diagnostic?: string;
      readonly afterEntries?: number;
    }
  | {readonly kind: 'hang'};

const resultCode = {
  success: 0,
  sizeLimitExceeded: 4,
  noSuchObject: 32,
  invalidCredentials: 49,
  unwillingToPerform: 53,
} as const;

const rootDseEntry: TreeEntry = {
  dn: '',
  attributes: {
    objectClass: ['top', 'extensibleObject'],
    namingContexts: demoFixture.directory.baseDn,
    supportedLDAPVersion: '3',
    vendorName: 'mse-bind LDAP simulator',
    vendorVersion: '1',
  },
};

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
  const tree = new Map(demoTree().map((entry) => [normalizeDn(entry.dn), entry]));
  const passwords = new Map([
    [normalizeDn(demoFixture.directory.bindName), demoFixture.directory.password as string],
  ]);
  const diagnostics = new Map<string, string>();
  // The bound account per connection; absent means anonymous. ldapjs' own notion of the bound
  // DN also counts a failed or password-less bind, so it is not used.
  const boundAs = new WeakMap<Socket, string>();
  const sockets = new Set<Socket>();

  allowBindNameAssignment();
  const server = ldap.createServer();
  server.server.on('connection', (socket: Socket) => {
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
    if (searchFault !== undefined && !isRootDse && boundAs.has(req.connection)) {
      answerWithFault(req, res, tree, searchFault);
    } else {
      answerSearch(req, res, tree, boundAs.has(req.connection));
    }
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
    baseDn: demoFixture.directory.baseDn,
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

function answerWithFault(
  req: SearchRequest,
  res: SearchResponse,
  tree: ReadonlyMap<string, TreeEntry>,
  fault: SearchFault,
): void {
  if (fault.kind === 'hang') return;
  const base = normalizeDn(req.dn.toString());
  const matching = [...tree]
    .filter(([dn]) => inScope(dn, base, req.scopeName))
    .map(([, entry]) => entry)
    .filter((entry) => req.filter.matches(plain(entry.attributes), false))
    .slice(0, fault.afterEntries ?? 0);
  res.attributes = [];
  for (const entry of matching) {
    res.send({dn: entry.dn, attributes: selectAttributes(entry.attributes, req.attributes)}, true);
  }
  if (fault.diagnostic !== undefined) res.diagnosticMessage = fault.diagnostic;
  res.end(fault.resultCode);
}

/**
 * The rootDSE for anyone; other entries only for a bound account (anonymous sees an empty
 * result, as a directory that hides itself from anonymous users does). Honours sizeLimit.
 * Limitation: equality filters compare values case-sensitively except for objectClass (the
 * ldapjs matcher), where a real server would follow each attribute's matching rule.
 */
function answerSearch(
  req: SearchRequest,
  res: SearchResponse,
  tree: ReadonlyMap<string, TreeEntry>,
  authenticated: boolean,
): void {
  const base = normalizeDn(req.dn.toString());
  if (base === '' && req.scopeName === 'base') {
    sendMatching([rootDseEntry], req, res);
    return;
  }
  if (!authenticated) {
    res.end(resultCode.success);
    return;
  }
  if (!tree.has(base)) {
    res.diagnosticMessage = `no such entry: ${req.dn.toString()}`;
    res.end(resultCode.noSuchObject);
    return;
  }
  const candidates = [...tree].filter(([dn]) => inScope(dn, base, req.scopeName));
  sendMatching(
    candidates.map(([, entry]) => entry),
    req,
    res,
  );
}

function sendMatching(
  entries: readonly TreeEntry[],
  req: SearchRequest,
  res: SearchResponse,
): void {
  const matching = entries.filter((entry) => req.filter.matches(plain(entry.attributes), false));
  const limit = req.sizeLimit > 0 ? req.sizeLimit : Infinity;
  // ldapjs would drop every attribute whose lower-cased name is not listed exactly as the
  // client spelled it (even with noFiltering); selectAttributes already chose them.
  res.attributes = [];
  for (const entry of matching.slice(0, limit)) {
    res.send({dn: entry.dn, attributes: selectAttributes(entry.attributes, req.attributes)}, true);
  }
  res.end(matching.length > limit ? resultCode.sizeLimitExceeded : resultCode.success);
}

function plain(attributes: TreeEntry['attributes']): Record<string, string | string[]> {
  return Object.fromEntries(
    Object.entries(attributes).map(([name, value]) => [
      name,
      typeof value === 'string' ? value : [...value],
    ]),
  );
}
