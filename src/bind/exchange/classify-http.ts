import {BindError} from '../errors.js';
import type {ProbeTarget} from './probe-target.js';
import {ewsUserAgent} from './user-agent.js';

/** An HTTP status that carries no SOAP answer worth reading. */
export function classifyHttpStatus(target: ProbeTarget, status: number): BindError {
  const {host} = target.url;
  switch (status) {
    case 403:
      return target.exchangeOnline ? exchangeOnlineRefusal(target) : ewsBlocked(target);
    case 404:
      return new BindError(
        'not-found',
        `There is no EWS endpoint at ${target.url.href}.`,
        'Check the EWS URL; it usually ends in /EWS/Exchange.asmx.',
        {setting: 'ewsUrl'},
      );
    case 407:
      return new BindError(
        'auth-scheme',
        `The proxy ${target.proxy ?? 'in between'} asks for proxy authentication.`,
        'Allow this server through the proxy without authentication, or give the proxy with ' +
          'its user and password in HTTPS_PROXY.',
        {setting: 'proxyUrl'},
      );
    case 429:
      return new BindError(
        'rate-limited',
        `Exchange at ${host} is throttling ${target.user}.`,
        'Wait a few minutes, then run the bind again.',
      );
    default:
      break;
  }
  if (status >= 500) {
    return new BindError(
      'server',
      `Exchange at ${host} failed with HTTP ${status}.`,
      'Check the Exchange server and its event log, then run the bind again.',
      {setting: 'ewsUrl'},
    );
  }
  return new BindError(
    'not-found',
    `${host} answered HTTP ${status}, which is not an EWS answer.`,
    'Check the EWS URL; it usually ends in /EWS/Exchange.asmx.',
    {setting: 'ewsUrl'},
  );
}

/** A 3xx: EWS never redirects a SOAP POST, so whatever answers is not EWS itself. */
export function classifyRedirect(target: ProbeTarget, location: string | undefined): BindError {
  if (location !== undefined && /log[io]n|auth/i.test(location)) {
    return new BindError(
      'auth-scheme',
      `Exchange at ${target.url.host} sent the request to a logon page: forms-based ` +
        'authentication sits in front of EWS.',
      'Publish EWS without forms-based authentication (pass-through or Basic on the proxy), ' +
        'or enter the internal EWS URL.',
      {setting: 'ewsUrl'},
    );
  }
  return new BindError(
    'not-found',
    `The EWS URL redirects${location === undefined ? '' : ` to ${location}`}; EWS itself ` +
      'never redirects.',
    'Enter the URL of the EWS endpoint itself, usually https://<server>/EWS/Exchange.asmx.',
    {setting: 'ewsUrl'},
  );
}

function ewsBlocked(target: ProbeTarget): BindError {
  return new BindError(
    'permission',
    `Exchange at ${target.url.host} refused EWS access for ${target.user}.`,
    'Check that EWS is enabled for the service account and the organisation (EwsEnabled) and ' +
      `that an EWS allow list admits the "${ewsUserAgent}" user agent.`,
    {setting: 'exchangeUser'},
  );
}

// Unverified: the exact answer of a tenant whose EWS is switched off is not documented; a 403
// is what the access controls imply.
function exchangeOnlineRefusal(target: ProbeTarget): BindError {
  const app = target.clientId === '' ? 'this application' : `app ${target.clientId}`;
  return new BindError(
    'permission',
    `Exchange Online refused EWS for ${app}. Microsoft is retiring EWS in Exchange Online: ` +
      'from 1 October 2026 only apps on the tenant allow list keep working, and EWS shuts ' +
      'down for good on 1 April 2027.',
    'Ask the tenant administrator to set EwsEnabled to true (Set-OrganizationConfig) and to ' +
      `add ${target.clientId || 'the app id'} to the EWS allow list ` +
      '(EwsApplicationAccessPolicy EnforceAllowList, EwsAllowList).',
    {setting: 'exchangeClientId'},
  );
}
