import {html, soapFault, type Reply} from './replies.js';

/**
 * Failures a test can ask for once with `failNext`:
 * - `logon-redirect`: a reverse proxy with forms-based auth sends the POST to its logon page;
 * - `http-500`: IIS fails before EWS runs (an HTML page, no SOAP);
 * - `hang`: the request is accepted and never answered;
 * - `forbidden`: EWS is disabled for the account (after a successful login);
 * - `server-busy`: EWS throttles the request with an ErrorServerBusy fault (after login).
 */
export type EwsFailure = 'logon-redirect' | 'http-500' | 'hang' | 'forbidden' | 'server-busy';

/** Whether the failure happens in front of authentication or after the account logged in. */
export function failureStage(failure: EwsFailure): 'before-auth' | 'after-auth' {
  return failure === 'forbidden' || failure === 'server-busy' ? 'after-auth' : 'before-auth';
}

export function failureReply(failure: EwsFailure): Reply | 'hang' {
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
    default: {
      const unknown: never = failure;
      return unknown;
    }
  }
}
