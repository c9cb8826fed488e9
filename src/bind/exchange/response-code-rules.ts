import {BindError, type ErrorClass} from '../errors.js';
import {mailboxOf, quoted, type ProbeTarget} from './probe-target.js';

type Rule = {
  readonly errorClass: ErrorClass;
  readonly setting: string;
  readonly message: (target: ProbeTarget, serverText: string, code: string) => string;
  readonly fix: (target: ProbeTarget) => string;
};

const transient: Rule = {
  errorClass: 'server',
  setting: 'ewsUrl',
  message: (target, serverText, code) =>
    `Exchange at ${target.url.host} could not serve the request right now (${code}` +
    `${serverText === '' ? '' : `: ${serverText}`}). This is not a credentials problem.`,
  fix: () => 'Run the bind again in a few minutes; if it persists, check the Exchange servers.',
};

const impersonateUserDenied: Rule = {
  errorClass: 'permission',
  setting: 'accessMode',
  message: (target) => `${target.user} may not impersonate ${target.mailbox}.`,
  fix: (target) =>
    target.scheme === 'oauth'
      ? `Grant the app ${target.clientId} the full_access_as_app permission with admin consent, ` +
        `and check that no application access policy excludes ${target.mailbox}.`
      : `Assign the ApplicationImpersonation role to ${target.user} with a scope that includes ` +
        `${target.mailbox}, or choose delegate access.`,
};

/**
 * EWS ResponseCode values, from a SOAP Fault's detail or a per-message error alike; one rule
 * per row of the failure table, so each cause reads differently.
 */
const rules: Readonly<Record<string, Rule>> = {
  ErrorNonExistentMailbox: {
    errorClass: 'not-found',
    setting: 'mailbox',
    message: (target) => `No mailbox exists for ${mailboxOf(target)}.`,
    fix: () => 'Check the mailbox address: it must be the primary SMTP address of a mailbox.',
  },
  ErrorMissingEmailAddress: {
    errorClass: 'not-found',
    setting: 'accessMode',
    message: (target) => `The service account ${target.user} has no mailbox of its own.`,
    fix: () => 'Choose delegate or impersonation access and name a mailbox to probe.',
  },
  ErrorImpersonateUserDenied: impersonateUserDenied,
  ErrorImpersonationDenied: {
    errorClass: 'permission',
    setting: 'accessMode',
    message: (target) =>
      `${target.user} has no right to impersonate anyone on the Exchange server ` +
      `${target.url.host}.`,
    fix: (target) =>
      `Assign the ApplicationImpersonation role to ${target.user}, or choose delegate access.`,
  },
  ErrorAccessDenied: {
    errorClass: 'permission',
    setting: 'accessMode',
    message: (target) => `${target.user} may not open ${mailboxOf(target)}.`,
    fix: (target) =>
      `Give ${target.user} Full Access to ${mailboxOf(target)} ` +
      '(Add-MailboxPermission -AccessRights FullAccess), or choose impersonation.',
  },
  ErrorAccountDisabled: {
    errorClass: 'account-state',
    setting: 'exchangeUser',
    message: (target) => `The Exchange account ${target.user} is disabled.`,
    fix: () => 'Enable the service account, or enter another one.',
  },
  ErrorInvalidLicense: {
    errorClass: 'account-state',
    setting: 'mailbox',
    message: (target) => `${mailboxOf(target)} has no licence that includes EWS.`,
    fix: () =>
      'Assign a licence with Exchange Web Services rights to the mailbox (Kiosk and ' +
      'Frontline licences have none), or probe another mailbox.',
  },
  ErrorInvalidServerVersion: {
    errorClass: 'server',
    setting: 'ewsUrl',
    message: (target) =>
      `Exchange at ${target.url.host} accepts neither the Exchange2013_SP1 nor the ` +
      'Exchange2010_SP2 request schema.',
    fix: () => 'Use Exchange 2013 or later, or check that the URL points at Exchange EWS.',
  },
  ErrorInvalidSchemaVersionForMailboxVersion: {
    errorClass: 'server',
    setting: 'ewsUrl',
    message: (target) =>
      `Exchange at ${target.url.host} could not pass the request on to the server that holds ` +
      `${mailboxOf(target)}: the two run different Exchange versions.`,
    fix: () =>
      'Enter the EWS URL of a server of the same version as the mailbox server, or probe a ' +
      'mailbox on a current server.',
  },
  ErrorServerBusy: transient,
  ErrorMailboxStoreUnavailable: transient,
  ErrorMailboxMoveInProgress: transient,
  ErrorConnectionFailed: transient,
  ErrorNoRespondingCASInDestinationSite: transient,
  ErrorInternalServerTransientError: transient,
  ErrorInternalServerError: transient,
};

// Exchange uses one code for two opposite mistakes; only the fault text tells them apart.
const headerRequired = /must be present/i;

export function classifyResponseCode(
  target: ProbeTarget,
  responseCode: string,
  serverText: string,
): BindError {
  if (responseCode === 'ErrorInvalidExchangeImpersonationHeaderData') {
    return impersonationHeaderError(target, serverText);
  }
  const rule = rules[responseCode];
  if (rule !== undefined) {
    return new BindError(
      rule.errorClass,
      rule.message(target, serverText, responseCode),
      rule.fix(target),
      {setting: rule.setting},
    );
  }
  return new BindError(
    'server',
    `Exchange refused the mailbox probe: ${responseCode || 'no response code'}` +
      `${quoted(serverText)}.`,
    'Look up this response code in the Exchange documentation; check the EWS URL and mode.',
    {setting: 'ewsUrl'},
  );
}

function impersonationHeaderError(target: ProbeTarget, serverText: string): BindError {
  if (headerRequired.test(serverText)) {
    return new BindError(
      'input',
      'Exchange Online accepts an app-only token only for a request that impersonates a ' +
        'mailbox.',
      'Choose impersonation access and name the mailbox to probe.',
      {setting: 'accessMode'},
    );
  }
  // An OAuth sign-in is app-only and must impersonate already: neither is advice for it.
  const fix =
    target.scheme === 'oauth'
      ? `Check that the authority URL is Entra ID's and that the app ${target.clientId} holds ` +
        'full_access_as_app as an application permission, not a delegated one: only an ' +
        'app-only token may impersonate.'
      : 'Choose delegate access, or sign in with an app-only (client credentials) registration.';
  return new BindError(
    'input',
    `Exchange at ${target.url.host} does not allow impersonation with this kind of sign-in` +
      `${quoted(serverText)}.`,
    fix,
    {setting: target.scheme === 'oauth' ? 'exchangeAuthority' : 'accessMode'},
  );
}
