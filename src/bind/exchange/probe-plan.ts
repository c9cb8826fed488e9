import {BindError} from '../errors.js';
import {defaultEntraAuthority, type ExchangeSettings} from '../settings.js';
import type {EwsCredentials} from './authenticated-post.js';
import {autodiscoverAddressOf, type AutodiscoverTarget} from './autodiscover/address.js';
import {tokenEndpoint} from './entra-token.js';
import {exchangeOnlineEwsUrl, parseEwsUrl} from './ews-url.js';

/** Everything the probe needs, checked before the first connection. */
export type ProbePlan = {
  readonly user: string;
  readonly mailbox: string;
} & EwsLocation &
  (
    | {readonly credentials: EwsCredentials; readonly oauth: null}
    /** OAuth: the token is fetched first, and becomes the credentials. */
    | {readonly credentials: null; readonly oauth: OAuthPlan}
  );

/** The EWS URL entered (or Exchange Online's for OAuth), or what Autodiscover asks about. */
export type EwsLocation =
  | {readonly ewsUrl: URL; readonly autodiscover: null}
  | {readonly ewsUrl: null; readonly autodiscover: AutodiscoverTarget};

export type OAuthPlan = {
  readonly endpoint: URL;
  readonly tenant: string;
  readonly clientId: string;
  readonly clientSecret: string;
};

/** Refuses what cannot be sent, naming the field to fix; no secret ends up in a message. */
export function planProbe(
  settings: ExchangeSettings,
  password: string,
  clientSecret: string,
): ProbePlan {
  const mailbox = settings.mailbox.trim();
  if (settings.accessMode !== 'own' && mailbox === '') {
    throw new BindError(
      'input',
      `${settings.accessMode === 'delegate' ? 'Delegate' : 'Impersonation'} access needs a ` +
        'mailbox to probe.',
      'Enter the SMTP address of a mailbox the service account may open.',
      {setting: 'mailbox'},
    );
  }
  if (settings.authScheme === 'oauth') return planOAuth(settings, mailbox, clientSecret);

  const user = settings.user.trim();
  if (user === '' || user.includes(':')) {
    throw new BindError(
      'input',
      user === '' ? 'No Exchange service account is given.' : 'The Exchange user name has a ":".',
      'Enter the service account as user@domain or DOMAIN\\user.',
      {setting: 'exchangeUser'},
    );
  }
  if (password === '') {
    throw new BindError(
      'input',
      `No password is given for the Exchange service account ${user}.`,
      'Enter the service account password.',
      {setting: 'exchangePassword'},
    );
  }

  return {
    ...ewsLocation(settings.ewsUrl, mailbox, user),
    user,
    mailbox,
    credentials: {kind: 'password', scheme: settings.authScheme, user, password},
    oauth: null,
  };
}

function planOAuth(settings: ExchangeSettings, mailbox: string, clientSecret: string): ProbePlan {
  const tenant = (settings.tenant ?? '').trim();
  const clientId = (settings.clientId ?? '').trim();
  const missing = [
    {value: tenant, setting: 'exchangeTenant', name: 'the Entra ID tenant'},
    {value: clientId, setting: 'exchangeClientId', name: 'the app (client) id'},
    {value: clientSecret, setting: 'exchangeClientSecret', name: 'the client secret'},
  ].find((field) => field.value === '');
  if (missing !== undefined) {
    throw new BindError(
      'input',
      `OAuth needs ${missing.name}.`,
      'Enter the tenant, client id and client secret of the Entra ID app registration.',
      {setting: missing.setting},
    );
  }
  if (settings.accessMode !== 'impersonation') {
    throw new BindError(
      'input',
      'An app-only OAuth token can open a mailbox only by impersonating it.',
      'Choose impersonation access and name the mailbox to probe.',
      {setting: 'accessMode'},
    );
  }

  // Limitation: OAuth does not run Autodiscover (v2, JSON); without an EWS URL it uses
  // Exchange Online's one endpoint, which is right for every Exchange Online tenant.
  const typed = settings.ewsUrl.trim();
  return {
    ewsUrl: parseEwsUrl(typed === '' ? exchangeOnlineEwsUrl : typed),
    autodiscover: null,
    user: `app ${clientId}`,
    mailbox,
    credentials: null,
    oauth: {
      endpoint: tokenEndpoint(settings.authorityUrl || defaultEntraAuthority, tenant),
      tenant,
      clientId,
      clientSecret,
    },
  };
}

function ewsLocation(typed: string, mailbox: string, user: string): EwsLocation {
  if (typed.trim() !== '') return {ewsUrl: parseEwsUrl(typed), autodiscover: null};
  const found = autodiscoverAddressOf(mailbox, user);
  if (found.kind === 'problem') {
    throw new BindError('input', found.message, found.fix, {setting: found.setting});
  }
  return {ewsUrl: null, autodiscover: {address: found.address, setting: found.setting}};
}
