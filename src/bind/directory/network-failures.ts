import {BindError} from '../errors.js';
import {DeadlineError} from './guard.js';
import {
  describePhase,
  errorCode,
  hostAndPort,
  type DirectoryField,
  type FailureContext,
} from './failure-context.js';
import {isPlainLdapPort, plainLdapPortFix, plainLdapPortNote} from './plain-ldap-port.js';

const unresolved = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL']);
const unreachable = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
const reset = new Set(['ECONNRESET', 'ECONNABORTED']);

const routeFix =
  'Check the address, and the routing and firewalls between this computer and the directory ' +
  'server.';

/** The BindError for a network failure, or undefined when the error is not one. */
export function networkFailure(error: unknown, context: FailureContext): BindError | undefined {
  const code = errorCode(error) ?? ldaptsSocketErrorCode(error);
  const where = hostAndPort(context);
  const make = (message: string, fix: string, setting: DirectoryField | undefined): BindError =>
    new BindError('network', message, fix, {cause: error, ...(setting ? {setting} : {})});

  if (code === 'ECONNREFUSED') {
    return make(
      `Nothing accepts connections at ${where} (connection refused).`,
      'Check the directory server name and port (389 for LDAP and StartTLS, 636 for LDAPS), ' +
        'and that the directory service is running.',
      'directoryPort',
    );
  }
  if (code !== undefined && unresolved.has(code)) {
    return make(
      `The name ${context.settings.host} could not be resolved (${code}).`,
      "Check the directory server name, and that this computer's DNS can resolve it.",
      'directoryHost',
    );
  }
  if (code !== undefined && unreachable.has(code)) {
    return make(`${where} cannot be reached (${code}).`, routeFix, 'directoryHost');
  }
  if (error instanceof DeadlineError || isLdaptsTimeout(error)) {
    return timeoutFailure(error, context, make);
  }
  if ((code !== undefined && reset.has(code)) || code === 'EPIPE') {
    return make(
      `${where} reset the connection while ${describePhase(context.phase)} (${code}).`,
      `${droppedFix(context)} A firewall or load balancer that cuts LDAP sessions also does this.`,
      droppedSetting(context),
    );
  }
  if (isLdaptsConnectionLoss(error)) {
    return make(
      `${where} closed the connection while ${describePhase(context.phase)}.`,
      droppedFix(context),
      droppedSetting(context),
    );
  }
  return undefined;
}

/** A connect that never completed, or a connected server that stopped answering. */
function timeoutFailure(
  error: unknown,
  context: FailureContext,
  make: (message: string, fix: string, setting: DirectoryField | undefined) => BindError,
): BindError {
  const where = hostAndPort(context);
  const {limits, phase} = context;
  if (phase === 'connect') {
    const waited = error instanceof DeadlineError ? error.timeoutMs : limits.connectMs;
    if (context.settings.tlsMode === 'ldaps' && context.tcpConnected === true) {
      if (isPlainLdapPort(context.settings.port)) {
        return make(
          `${where} accepted the connection but did not complete the TLS handshake within ` +
            `${seconds(waited)}: ${plainLdapPortNote}.`,
          plainLdapPortFix,
          'tlsMode',
        );
      }
      return make(
        `${where} accepted the connection but did not complete the TLS handshake within ` +
          `${seconds(waited)}.`,
        `Check that port ${context.settings.port} is the LDAPS port (636 by default): a port ` +
          'that serves something else can take the connection and never answer a TLS hello. ' +
          'For port 389, choose StartTLS or None.',
        'directoryPort',
      );
    }
    return make(
      `${where} did not complete a connection within ${seconds(waited)}` +
        `${context.settings.tlsMode === 'ldaps' ? ' (TCP and TLS handshake)' : ''}.`,
      `${routeFix} A firewall that drops packets (rather than refusing) looks like this.`,
      'directoryHost',
    );
  }
  const waited = error instanceof DeadlineError ? error.timeoutMs : limits.operationMs;
  const message =
    `${where} accepted the connection but did not answer within ${seconds(waited)} while ` +
    `${describePhase(phase)}.`;
  if (context.ldapAnswered === true) {
    return make(
      message,
      `${answeredBefore} Check that the directory server is not overloaded, and see its log.`,
      undefined,
    );
  }
  return make(
    message,
    'Make sure the port belongs to the directory service (LDAPS on a plain LDAP port, or the ' +
      'reverse, can hang like this) and that the directory server is not overloaded.',
    'directoryPort',
  );
}

/**
 * Said once the server has answered LDAP on the connection: the port and TLS mode are proven
 * right, so advice to change them (an LDAPS port spoken to in plain LDAP) cannot apply.
 */
const answeredBefore =
  'It answered LDAP on this connection before, so the port and TLS mode are right.';

function droppedFix(context: FailureContext): string {
  const {port, tlsMode} = context.settings;
  if (context.ldapAnswered === true) {
    return (
      `${answeredBefore} See the directory server's log for why it ended the session (a limit ` +
      'on connections or idle time, or a rule for this account or computer).'
    );
  }
  return tlsMode === 'ldaps'
    ? 'Check the port, and that the directory service accepts LDAP from this computer.'
    : `If port ${port} is an LDAPS port (636 by default), choose LDAPS or use port 389; ` +
        'otherwise check that the directory service accepts LDAP from this computer.';
}

/** The field to go back to for a dropped connection: none once the port has proven right. */
function droppedSetting(context: FailureContext): DirectoryField | undefined {
  if (context.ldapAnswered === true) return undefined;
  return context.settings.tlsMode === 'ldaps' ? 'directoryPort' : 'tlsMode';
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/*
 * ldapts reports its own timeouts and lost connections as plain Errors with no code or type,
 * so these three tests read the message; they are the only place that does.
 */

/**
 * Once connected, ldapts rejects a request whose socket failed with "Socket error. Message
 * type: …" followed by the socket error's own message ("read ECONNRESET"): the system code is
 * only in that text.
 */
function ldaptsSocketErrorCode(error: unknown): string | undefined {
  if (!(error instanceof Error) || !error.message.startsWith('Socket error.')) return undefined;
  return /\b(ECONNRESET|ECONNABORTED|EPIPE|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH)\b/.exec(
    error.message,
  )?.[1];
}

function isLdaptsTimeout(error: unknown): boolean {
  return (
    error instanceof Error && /^Connection timeout$|: Operation timed out$/.test(error.message)
  );
}

function isLdaptsConnectionLoss(error: unknown): boolean {
  return (
    error instanceof Error &&
    /^(Connection closed before message response|Socket error\.)/.test(error.message)
  );
}
