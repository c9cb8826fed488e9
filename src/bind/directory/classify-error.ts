import {ResultCodeError} from 'ldapts';

import {BindError, cancelledError, isAbortError} from '../errors.js';
import {describePhase, type FailureContext} from './failure-context.js';
import {networkFailure} from './network-failures.js';
import {resultCodeFailure} from './result-code-failures.js';
import {tlsFailure} from './tls-failures.js';

/**
 * The one place where a directory failure becomes a BindError: LDAP result codes (with AD's
 * sub-codes), TLS errors, network errors, cancellation. Nothing a caller passes in holds the
 * password, so no message built here can contain it.
 */
export function classifyDirectoryError(error: unknown, context: FailureContext): BindError {
  if (error instanceof BindError) return error;
  if (isAbortError(error)) return cancelledError();
  if (error instanceof ResultCodeError) return resultCodeFailure(error, context);

  const known = tlsFailure(error, context) ?? networkFailure(error, context);
  if (known !== undefined) return known;

  const detail = error instanceof Error ? error.message : String(error);
  return new BindError(
    'server',
    `Unexpected failure while ${describePhase(context.phase)}: ${detail}`,
    'Check the directory settings; if they are right, see the directory server log.',
    {cause: error},
  );
}
