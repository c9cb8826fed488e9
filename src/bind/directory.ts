/**
 * Step 3 of the bind: prove that the directory service account can bind and query the
 * directory. One connection, one bind (a result 49 is never retried: retries lock accounts
 * out), one bounded search, unbind in `finally`.
 */
import type {Client} from 'ldapts';

import {BindError, cancelledError} from './errors.js';
import type {DirectorySettings, DirectoryType} from './settings.js';
import {trustedCertificates} from './directory/ca-file.js';
import {classifyDirectoryError} from './directory/classify-error.js';
import {openDirectoryConnection, tlsOptionsFor} from './directory/connection.js';
import type {DirectoryPhase, FailureContext} from './directory/failure-context.js';
import {guard} from './directory/guard.js';
import {checkDirectoryInput} from './directory/input-checks.js';
import {baseDnFrom, hasContent, readRootDseIfShown, serverKindOf} from './directory/root-dse.js';
import {countMailUsers, mailUserFilter, mailUserSampleLimit} from './directory/search-proof.js';

export type DirectoryValidationOptions = {
  readonly signal: AbortSignal;
  /** PEM file of a CA to trust in addition to the system's (LDAPS and StartTLS). */
  readonly caFile?: string;
  /** Budget of each network phase (connect, StartTLS, rootDSE, bind, search). */
  readonly timeoutMs?: number;
};

export type DirectoryValidation = {
  /** One line for the step panel: `OpenLDAP · base dc=corp,dc=example · 3 mail-enabled users`. */
  readonly fact: string;
  readonly baseDn: string;
  readonly serverType: string;
  /** Mail-enabled users the service account can see, at most mailUserSampleLimit. */
  readonly mailUsers: number;
};

export const defaultDirectoryTimeoutMs = 10_000;

/** How long the final unbind may take before the socket is simply closed. */
const unbindGraceMs = 1_000;

export async function validateDirectory(
  settings: DirectorySettings,
  password: string,
  options: DirectoryValidationOptions,
): Promise<DirectoryValidation> {
  const {signal} = options;
  const timeoutMs = options.timeoutMs ?? defaultDirectoryTimeoutMs;
  const caFile = options.caFile?.trim() ? options.caFile : undefined;
  if (signal.aborted) throw cancelledError();

  // Before any connection: an empty password would make an anonymous bind that "succeeds".
  checkDirectoryInput(settings, password);

  const ca = await trustedCertificates(caFile, signal);
  const connection = openDirectoryConnection(settings, ca, timeoutMs);
  const {client} = connection;
  let baseDn: string | undefined = settings.baseDn.trim() || undefined;
  const context = (phase: DirectoryPhase): FailureContext => ({
    phase,
    settings,
    timeoutMs,
    ...(baseDn === undefined ? {} : {baseDn}),
    ...(caFile === undefined ? {} : {caFile}),
  });
  const step = async <T>(phase: DirectoryPhase, operation: () => Promise<T>): Promise<T> => {
    try {
      return await guard(operation, {signal, timeoutMs, onStop: connection.destroy});
    } catch (error) {
      throw classifyDirectoryError(error, context(phase));
    }
  };

  try {
    if (settings.tlsMode === 'starttls') {
      await step('starttls', () => client.startTLS(tlsOptionsFor(settings.host, ca)));
    }

    // Read anonymously first (and so connect, for LDAPS and plain LDAP). A server that hides
    // its rootDSE from anonymous reads is asked again after the bind.
    const firstPhase = client.isConnected ? 'root-dse' : 'connect';
    let rootDse = await step(firstPhase, () => readRootDseIfShown(client));
    await step('bind', () => client.bind(settings.bindName, password));
    if (!hasContent(rootDse)) rootDse = await step('root-dse', () => readRootDseIfShown(client));

    baseDn ??= baseDnFrom(rootDse);
    if (baseDn === undefined) throw noBaseDnError();
    const searchBase = baseDn;
    const server = serverKindOf(rootDse);
    // The filter follows the server actually found; the setting decides only when the
    // rootDSE does not give the product away.
    const dialect: DirectoryType = server.dialect ?? settings.type;
    const timeLimitSeconds = Math.max(1, Math.ceil(timeoutMs / 1000));
    const mailUsers = await step('search', () =>
      countMailUsers(client, searchBase, dialect, timeLimitSeconds),
    );
    if (mailUsers === 0) throw blindViewError(settings, searchBase, server.name, dialect);

    return {
      fact: `${server.name} · base ${searchBase} · ${describeCount(mailUsers)}`,
      baseDn: searchBase,
      serverType: server.name,
      mailUsers,
    };
  } finally {
    await closeQuietly(client, signal);
    connection.destroy();
  }
}

/** The polite end of the session; skipped after a cancel, whose sockets are already gone. */
async function closeQuietly(client: Client, signal: AbortSignal): Promise<void> {
  if (signal.aborted || !client.isConnected) return;
  let timer: NodeJS.Timeout | undefined;
  const grace = new Promise<void>((resolve) => (timer = setTimeout(resolve, unbindGraceMs)));
  await Promise.race([client.unbind().catch(() => undefined), grace]);
  clearTimeout(timer);
}

function describeCount(count: number): string {
  const shown = count >= mailUserSampleLimit ? `${mailUserSampleLimit}+` : String(count);
  return `${shown} mail-enabled user${count === 1 ? '' : 's'}`;
}

function noBaseDnError(): BindError {
  return new BindError(
    'not-found',
    'No base DN is set and the directory server does not name one in its rootDSE.',
    'Enter the base DN of the users (e.g. dc=example,dc=com) in the directory settings.',
    {setting: 'baseDn'},
  );
}

/**
 * The bind worked but the search found nobody: the account sees the directory as an anonymous
 * user would (Domino and many OpenLDAP setups let anyone bind, and hide entries instead). It is
 * classed as a permission problem because the credentials were accepted and the base DN exists;
 * what is missing is the right to read users, or a base DN that holds them.
 */
function blindViewError(
  settings: DirectorySettings,
  baseDn: string,
  serverName: string,
  dialect: DirectoryType,
): BindError {
  return new BindError(
    'permission',
    `${settings.bindName} can bind to ${serverName}, but sees no mail-enabled users under ` +
      `${baseDn} (filter ${mailUserFilter(dialect)}): it gets an anonymous-like view of the ` +
      'directory.',
    'Give the service account read access to users and their mail attribute under the base DN, ' +
      'or set the base DN to the part of the directory that holds the users.',
    {setting: 'baseDn'},
  );
}
