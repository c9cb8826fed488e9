import {BindError} from '../errors.js';
import {DeadlineError} from './guard.js';
import {
  describePhase,
  errorCode,
  hostAndPort,
  type DirectoryField,
  type FailureContext,
} from './failure-context.js';

const unresolved = new Set(['ENOTFOUND', 'EAI_AGAIN', 'EAI_NODATA', 'EAI_FAIL']);
const unreachable = new Set(['ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN']);
const dropped = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED']);

const routeFix =
  'Check the address, and the routing and firewalls between this computer and the directory ' +
  'server.';

/** The BindError for a network failure, or undefined when the error is not one. */
export function networkFailure(error: unknown, context: FailureContext): BindError | undefined {
  const code = errorCode(error);
  const where = hostAndPort(context);
  const make = (message: string, fix: string, setting: DirectoryField): BindError =>
    new BindError('network', message, fix, {cause: error, setting});

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
    const waited = error instanceof DeadlineError ? error.timeoutMs : context.timeoutMs;
    return make(
      `${where} did not answer within ${seconds(waited)} while ` +
        `${describePhase(context.phase)}.`,
      `${routeFix} Make sure the port belongs to the directory service.`,
      'directoryHost',
    );
  }
  if ((code !== undefined && dropped.has(code)) || isLdaptsConnectionLoss(error)) {
    const {port, tlsMode} = context.settings;
    return make(
      `${where} closed the connection while ${describePhase(context.phase)}.`,
      tlsMode === 'ldaps'
        ? 'Check the port, and that the directory service accepts LDAP from this computer.'
        : `If port ${port} is an LDAPS port (636 by default), choose LDAPS or use port 389; ` +
            'otherwise check that the directory service accepts LDAP from this computer.',
      tlsMode === 'ldaps' ? 'directoryPort' : 'tlsMode',
    );
  }
  return undefined;
}

function seconds(ms: number): string {
  return `${Math.round(ms / 100) / 10} s`;
}

/*
 * ldapts reports its own timeouts and lost connections as plain Errors with no code or type,
 * so these two tests read the message; they are the only place that does.
 */
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
