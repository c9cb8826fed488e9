import type {FormFieldId} from '../form.js';
import type {DirectorySettings} from '../settings.js';
import type {DirectoryTimeLimits} from './time-limits.js';

/** The form fields a directory failure can send the administrator back to. */
export type DirectoryField = Extract<
  FormFieldId,
  | 'directoryType'
  | 'directoryHost'
  | 'directoryPort'
  | 'tlsMode'
  | 'baseDn'
  | 'bindName'
  | 'directoryPassword'
  | 'caFile'
>;

/** The steps of a directory check, in order; a failure is explained by where it happened. */
export type DirectoryPhase = 'connect' | 'starttls' | 'root-dse' | 'bind' | 'search';

export type FailureContext = {
  readonly phase: DirectoryPhase;
  readonly settings: DirectorySettings;
  /** The base DN in use, once known. */
  readonly baseDn?: string;
  /**
   * The base DN an empty setting takes: the naming context the rootDSE names ('' for a Domino
   * server searched from its root). Absent when the rootDSE names none, or before it is read.
   */
  readonly defaultBaseDn?: string;
  readonly caFile?: string;
  readonly limits: DirectoryTimeLimits;
  /** Mail-enabled users counted before the failure (search phase). */
  readonly usersSeen?: number;
  /** The time limit the failed search asked of the server, in whole seconds. */
  readonly searchTimeLimitSeconds?: number;
  /** The TCP connection was up (for LDAPS, possibly with its TLS handshake unfinished). */
  readonly tcpConnected?: boolean;
  /**
   * An earlier request on this connection was answered (StartTLS, the rootDSE, the bind): the
   * server speaks LDAP on this port, in the TLS mode chosen.
   */
  readonly ldapAnswered?: boolean;
};

const phaseWords: Readonly<Record<DirectoryPhase, string>> = {
  connect: 'connecting',
  starttls: 'starting TLS (StartTLS)',
  'root-dse': 'reading the rootDSE',
  bind: 'binding as the service account',
  search: 'searching for mail-enabled users',
};

export function describePhase(phase: DirectoryPhase): string {
  return phaseWords[phase];
}

export function hostAndPort(context: FailureContext): string {
  return `${context.settings.host}:${context.settings.port}`;
}

/** The `code` of a Node system or TLS error, if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as {code?: unknown} | null | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}
