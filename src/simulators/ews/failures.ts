import {getFolderError, html, soapFault, type Reply, type SimulatedServer} from './replies.js';

/**
 * Failures a test can ask for once with `failNext`, one per row of the EWS failure table that
 * the simulated organisation does not produce by itself:
 * - `logon-redirect`: a reverse proxy with forms-based auth sends the POST to its logon page;
 * - `http-500`: IIS fails before EWS runs (an HTML page, no SOAP);
 * - `hang`: the request is accepted and never answered;
 * - `forbidden`: EWS is disabled for the account or app, or not on the allow list (403);
 * - `server-busy`, `mailbox-store-unavailable`, `connection-failed`, `no-responding-cas`:
 *   transient server-side faults (the last two: a CAS that could not reach the mailbox server,
 *   or no CAS in the mailbox's Active Directory site to proxy to);
 * - `impersonation-denied`: the caller lacks the impersonation right on the CAS itself;
 * - `invalid-license`: the mailbox's licence has no EWS rights (per-message error);
 * - `schema-mismatch`: a proxied request met a mailbox server of another version;
 * - `impersonation-header-required` / `impersonation-header-forbidden`: Exchange Online's two
 *   ErrorInvalidExchangeImpersonationHeaderData faults.
 */
export type EwsFailure =
  | 'logon-redirect'
  | 'http-500'
  | 'hang'
  | 'forbidden'
  | 'server-busy'
  | 'mailbox-store-unavailable'
  | 'connection-failed'
  | 'no-responding-cas'
  | 'impersonation-denied'
  | 'invalid-license'
  | 'schema-mismatch'
  | 'impersonation-header-required'
  | 'impersonation-header-forbidden';

const beforeAuth: readonly EwsFailure[] = ['logon-redirect', 'http-500', 'hang'];

/** Whether the failure happens in front of authentication or after the caller signed in. */
export function failureStage(failure: EwsFailure): 'before-auth' | 'after-auth' {
  return beforeAuth.includes(failure) ? 'before-auth' : 'after-auth';
}

export function failureReply(failure: EwsFailure, server: SimulatedServer): Reply | 'hang' {
  switch (failure) {
    case 'logon-redirect':
      return html(
        302,
        {location: '/owa/auth/logon.aspx?replaceCurrent=1&url=%2fEWS%2fExchange.asmx'},
        'Object moved',
      );
    case 'http-500':
      return html(500, {}, '500 - Internal server error.');
    case 'hang':
      return 'hang';
    case 'forbidden':
      return html(403, {}, '403 - Forbidden: Access is denied.');
    case 'server-busy':
      return soapFault(
        'ErrorServerBusy',
        'The server cannot service this request right now. Try again later.',
        {BackOffMilliseconds: '30000'},
      );
    case 'mailbox-store-unavailable':
      return getFolderError(
        server,
        'ErrorMailboxStoreUnavailable',
        'The mailbox database is temporarily unavailable.',
      );
    // Inferred: the documentation gives these two codes' texts but not their shape; one is
    // served as a per-message error and the other as a fault, so both shapes stay covered.
    case 'connection-failed':
      return getFolderError(
        server,
        'ErrorConnectionFailed',
        'Connection did not succeed. Try again later.',
      );
    case 'no-responding-cas':
      return soapFault(
        'ErrorNoRespondingCASInDestinationSite',
        'Exchange Web Services are not currently available for this request because none of ' +
          'the Client Access Servers in the destination site could process the request.',
      );
    case 'impersonation-denied':
      return soapFault(
        'ErrorImpersonationDenied',
        'The server to which the application is connected cannot impersonate the requested ' +
          'user due to insufficient permission.',
      );
    case 'invalid-license':
      return getFolderError(server, 'ErrorInvalidLicense', 'The user has no valid license.');
    case 'schema-mismatch':
      return soapFault(
        'ErrorInvalidSchemaVersionForMailboxVersion',
        "The mailbox's version does not match the request's schema version.",
      );
    case 'impersonation-header-required':
      return soapFault(
        'ErrorInvalidExchangeImpersonationHeaderData',
        'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
      );
    case 'impersonation-header-forbidden':
      return soapFault(
        'ErrorInvalidExchangeImpersonationHeaderData',
        'ExchangeImpersonation SOAP header must not exist for this type of OAuth token.',
      );
    default: {
      const unknown: never = failure;
      return unknown;
    }
  }
}
