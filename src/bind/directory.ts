/**
 * Step 3 of the bind: prove that the directory service account can bind and query the
 * directory. One connection, one bind (a result 49 is never retried: retries lock accounts
 * out), one bounded search, unbind in `finally`.
 */
import type {Client} from 'ldapts';

import {BindError, cancelledError} from './errors.js';
import type {DirectorySettings} from './settings.js';
import {readTrustedCa} from './http/trusted-ca.js';
import {networkEnvironment} from './http/network-environment.js';
import {classifyDirectoryError} from './directory/classify-error.js';
import {openDirectoryConnection, tlsOptionsFor} from './directory/connection.js';
import {describeFindings} from './directory/describe-findings.js';
import type {DirectoryPhase, FailureContext} from './directory/failure-context.js';
import {guard} from './directory/guard.js';
import {checkDirectoryInput} from './directory/input-checks.js';
import {noMailUsersError} from './directory/no-mail-users.js';
import {
  baseDnFrom,
  hasContent,
  offersPaging,
  readRootDseIfShown,
  serverKindOf,
  type RootDse,
} from './directory/root-dse.js';
import {countMailUsers} from './directory/search-proof.js';
import {timeLimitsFrom, type DirectoryTimeLimits} from './directory/time-limits.js';
import {typeMismatch} from './directory/type-match.js';
import {probeEmptyView} from './directory/view-probe.js';

export type DirectoryValidationOptions = {
  readonly signal: AbortSignal;
  /** PEM file of a CA to trust in addition to the system's; read for LDAPS and StartTLS only. */
  readonly caFile?: string | undefined;
  /** One budget for every phase at once (connect, each request, the whole search). */
  readonly timeoutMs?: number;
  /** Single limits, over `timeoutMs` and the defaults (see defaultTimeLimits). */
  readonly timeLimits?: Partial<DirectoryTimeLimits>;
};

export type DirectoryValidation = {
  /**
   * One ASCII line for the step panel, e.g.
   * `3 mail-enabled users - base dc=corp,dc=example - OpenLDAP`.
   */
  readonly fact: string;
  readonly baseDn: string;
  readonly serverType: string;
  /** The version the rootDSE gives (AD: the DC functional level), if it gives one. */
  readonly serverVersion?: string;
  /** Mail-enabled users the service account can see; a lower bound when `countStoppedBy`. */
  readonly mailUsers: number;
  /** Why the count stopped early: its time budget, or the sample size without paging. */
  readonly countStoppedBy?: 'time' | 'sample-limit';
  /** True when the users were counted page by page (the server offers paging). */
  readonly paged?: boolean;
};

/** How long the final unbind may take before the socket is simply closed. */
const unbindGraceMs = 1_000;

export async function validateDirectory(
  settings: DirectorySettings,
  password: string,
  options: DirectoryValidationOptions,
): Promise<DirectoryValidation> {
  const {signal} = options;
  const limits = timeLimitsFrom(options);
  // Plain LDAP has no certificate to check: a CA file it cannot read is none of its business.
  const usesTls = settings.tlsMode !== 'none';
  const caFile = usesTls && options.caFile?.trim() ? options.caFile : undefined;
  if (signal.aborted) throw cancelledError();

  // Before any connection: an empty password would make an anonymous bind that "succeeds".
  checkDirectoryInput(settings, password);

  const ca = await readTrustedCa(caFile ?? '', networkEnvironment(), signal);
  const connection = openDirectoryConnection(settings, ca, limits);
  const {client} = connection;
  let baseDn: string | undefined = settings.baseDn.trim() || undefined;
  // Unread until the first answer; the base DN an empty setting would take follows from it.
  let rootDse: RootDse | undefined;
  let usersSeen: number | undefined;
  let ldapAnswered = false;
  let searchTimeLimitSeconds: number | undefined;
  const context = (phase: DirectoryPhase): FailureContext => {
    const defaultBaseDn = rootDse === undefined ? undefined : baseDnFrom(rootDse, settings.type);
    return {
      // Until the connection is up, whatever failed, failed to connect.
      phase: connection.established() ? phase : 'connect',
      settings,
      limits,
      ...(baseDn === undefined ? {} : {baseDn}),
      ...(defaultBaseDn === undefined ? {} : {defaultBaseDn}),
      ...(caFile === undefined ? {} : {caFile}),
      ...(usersSeen === undefined ? {} : {usersSeen}),
      ...(searchTimeLimitSeconds === undefined ? {} : {searchTimeLimitSeconds}),
      tcpConnected: connection.tcpConnected(),
      ldapAnswered,
    };
  };
  const guarded = <T>(start: () => Promise<T>, timeoutMs: number): Promise<T> =>
    guard(start, {signal, timeoutMs, onStop: connection.destroy});
  const step = async <T>(
    phase: DirectoryPhase,
    operation: () => Promise<T>,
    timeoutMs = limits.operationMs,
  ): Promise<T> => {
    try {
      let answer: T;
      if (connection.established()) {
        answer = await guarded(operation, timeoutMs);
      } else {
        // The first request connects: the connect limit runs until the connection is up, and
        // the request's own limit from then on.
        let pending: Promise<T> | undefined;
        await guarded(() => {
          pending = operation();
          return Promise.race([connection.whenEstablished(), pending]);
        }, limits.connectMs);
        answer = await guarded(() => pending as Promise<T>, timeoutMs);
      }
      ldapAnswered = true;
      return answer;
    } catch (error) {
      throw classifyDirectoryError(error, context(phase));
    }
  };

  try {
    if (settings.tlsMode === 'starttls') {
      await step('starttls', () => client.startTLS(tlsOptionsFor(settings.host, ca)));
    }

    // Read anonymously first (and so connect, for LDAPS and plain LDAP). A server that hides
    // its rootDSE from anonymous reads is asked again after the bind. Whenever the rootDSE
    // names the product, a type it contradicts stops the check there: before the bind when it
    // can, so that a wrong type costs no bind, and always before a search that would find
    // nobody for the wrong reason.
    // Limitation: a rootDSE shown to anonymous reads in part only (no product marks) is not
    // read again once bound, so marks shown only to bound users go unchecked.
    rootDse = await step('root-dse', () => readRootDseIfShown(client));
    refuseContradictedType(settings, rootDse);
    await step('bind', () => client.bind(settings.bindName, password));
    if (!hasContent(rootDse)) {
      rootDse = await step('root-dse', () => readRootDseIfShown(client));
      refuseContradictedType(settings, rootDse);
    }

    const server = serverKindOf(rootDse);
    // The type chosen is the server's own here, or one the rootDSE does not contradict.
    const dialect = settings.type;
    baseDn ??= baseDnFrom(rootDse, dialect);
    if (baseDn === undefined) throw noBaseDnError();
    const searchBase = baseDn;

    const counted = await countMailUsers(client, searchBase, {
      dialect,
      paged: offersPaging(rootDse),
      pageMs: limits.operationMs,
      // Without paging the one search may take the whole search budget.
      searchMs: limits.searchMs,
      deadline: performance.now() + limits.searchMs,
      request: (operation, requestLimits) => {
        searchTimeLimitSeconds = requestLimits.serverSeconds;
        return step('search', operation, requestLimits.clientMs);
      },
      onProgress: (count) => (usersSeen = count),
    });
    if (counted.count === 0) {
      // Only now, on the way to a failure: a check that passes costs no extra request.
      const findings = await probeEmptyView(client, searchBase, {
        dialect,
        rootDse,
        request: (operation) => step('search', operation),
      });
      throw noMailUsersError(settings, searchBase, server, findings, baseDnFrom(rootDse, dialect));
    }

    return {
      fact: describeFindings(server, searchBase, counted, limits),
      baseDn: searchBase,
      serverType: server.name,
      ...(server.version === undefined ? {} : {serverVersion: server.version}),
      mailUsers: counted.count,
      ...(counted.stoppedBy === undefined ? {} : {countStoppedBy: counted.stoppedBy}),
      paged: counted.paged,
    };
  } finally {
    await closeQuietly(client, signal);
    connection.destroy();
  }
}

function refuseContradictedType(settings: DirectorySettings, rootDse: RootDse): void {
  const mismatch = typeMismatch(settings, serverKindOf(rootDse));
  if (mismatch !== undefined) throw mismatch;
}

/** The polite end of the session; skipped after a cancel, whose sockets are already gone. */
async function closeQuietly(client: Client, signal: AbortSignal): Promise<void> {
  if (signal.aborted || !client.isConnected) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, unbindGraceMs)));
  await Promise.race([client.unbind().catch(() => undefined), grace]);
  clearTimeout(timer);
}

function noBaseDnError(): BindError {
  return new BindError(
    'not-found',
    'No base DN is set and the directory server does not name one in its rootDSE.',
    'Enter the base DN of the users (e.g. dc=example,dc=com) in the directory settings.',
    {setting: 'baseDn'},
  );
}
