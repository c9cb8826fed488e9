import {BindError} from '../errors.js';
import {defaultEntraAuthority, type ExchangeSettings} from '../settings.js';
import type {EwsCredentials} from './authenticated-post.js';
import {tokenEndpoint} from './entra-token.js';
import {exchangeOnlineEwsUrl, parseEwsUrl} from './ews-url.js';

/** Everything the probe needs, checked before the first connection. */
export type ProbePlan = {
  /** The EWS URL entered (or Exchange Online's for OAuth); null: Autodiscover finds it. */
  readonly ewsUrl: URL | null;
  /** The address Autodiscover asks about when there is no EWS URL. */
  readonly autodiscoverAddress: string;
  readonly user: string;
  readonly mailbox: string;
} & (
  | {readonly credentials: EwsCredentials; readonly oauth: null}
  /** OAuth: the token is fetched first, and becomes the credentials. */
  | {readonly credentials: null; readonly oauth: OAuthPlan}
);

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

  const ewsUrl = settings.ewsUrl.trim() === '' ? null : parseEwsUrl(settings.ewsUrl);
  const autodiscoverAddress = mailbox !== '' ? mailbox : isAddress(user) ? user : '';
  if (ewsUrl === null && autodiscoverAddress === '') {
    throw new BindError(
      'input',
      'No EWS URL is given, and no mailbox address to find it with Autodiscover.',
      'Enter the EWS URL, or a mailbox address (or a service account in user@domain form).',
      {setting: 'ewsUrl'},
    );
  }
  return {
    ewsUrl,
    autodiscoverAddress,
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
    autodiscoverAddress: '',
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

function isAddress(name: string): boolean {
  return /^[^@\s\\]+@[^@\s\\]+\.[^@\s\\]+$/.test(name);
}
