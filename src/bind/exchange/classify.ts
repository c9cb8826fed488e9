import {BindError, type ErrorClass} from '../errors.js';
import type {ExchangeAccessMode} from '../settings.js';
import {isExchangeOnline} from './ews-url.js';
import {ewsUserAgent} from './user-agent.js';

/** What was probed; enough to say who could not do what, and never a secret. */
export type ProbeTarget = {
  readonly url: URL;
  readonly user: string;
  readonly accessMode: ExchangeAccessMode;
  readonly mailbox: string;
};

type Rule = {
  readonly errorClass: ErrorClass;
  readonly message: (target: ProbeTarget, serverText: string) => string;
  readonly fix: (target: ProbeTarget) => string;
};

const busy: Rule = {
  errorClass: 'server',
  message: (target, serverText) =>
    `Exchange at ${target.url.host} could not serve the request right now` +
    `${quoted(serverText)}. This is not a credentials problem.`,
  fix: () => 'Run the bind again in a few minutes; if it persists, check the Exchange servers.',
};

const impersonationDenied: Rule = {
  errorClass: 'permission',
  message: (target) => `${target.user} may not impersonate ${target.mailbox}.`,
  fix: (target) =>
    `Assign the ApplicationImpersonation role to ${target.user} with a scope that includes ` +
    `${target.mailbox}, or choose delegate access.`,
};

const invalidVersion: Rule = {
  errorClass: 'server',
  message: (target) =>
    `Exchange at ${target.url.host} accepts neither the Exchange2013_SP1 nor the ` +
    'Exchange2010_SP2 request schema.',
  fix: () => 'Use Exchange 2013 or later, or check that the URL points at Exchange EWS.',
};

/** EWS ResponseCode values, from a SOAP Fault's detail or a per-message error alike. */
const responseCodes: Readonly<Record<string, Rule>> = {
  ErrorNonExistentMailbox: {
    errorClass: 'not-found',
    message: (target) => `No mailbox exists for ${mailboxOf(target)}.`,
    fix: () => 'Check the mailbox address: it must be the primary SMTP address of a mailbox.',
  },
  ErrorMissingEmailAddress: {
    errorClass: 'not-found',
    message: (target) => `The service account ${target.user} has no mailbox of its own.`,
    fix: () => 'Choose delegate or impersonation access and name a mailbox to probe.',
  },
  ErrorImpersonateUserDenied: impersonationDenied,
  ErrorImpersonationDenied: {
    errorClass: 'permission',
    message: (target) => `${target.user} has no right to impersonate on this Exchange server.`,
    fix: (target) =>
      `Assign the ApplicationImpersonation role to ${target.user}, or choose delegate access.`,
  },
  ErrorAccessDenied: {
    errorClass: 'permission',
    message: (target) => `${target.user} may not open ${mailboxOf(target)}.`,
    fix: (target) =>
      `Give ${target.user} Full Access to ${mailboxOf(target)} ` +
      '(Add-MailboxPermission -AccessRights FullAccess), or choose impersonation.',
  },
  ErrorAccountDisabled: {
    errorClass: 'account-state',
    message: (target) => `The Exchange account ${target.user} is disabled.`,
    fix: () => 'Enable the service account, or enter another one.',
  },
  ErrorInvalidLicense: {
    errorClass: 'account-state',
    message: (target) => `${mailboxOf(target)} has no licence that includes EWS.`,
    fix: () => 'Assign a licence with Exchange Web Services rights to the mailbox.',
  },
  ErrorInvalidServerVersion: invalidVersion,
  ErrorInvalidSchemaVersionForMailboxVersion: invalidVersion,
  ErrorServerBusy: busy,
  ErrorMailboxStoreUnavailable: busy,
  ErrorMailboxMoveInProgress: busy,
  ErrorConnectionFailed: busy,
  ErrorNoRespondingCASInDestinationSite: busy,
  ErrorInternalServerTransientError: busy,
  ErrorInternalServerError: busy,
};

/** HTTP statuses that carry no SOAP answer worth reading. */
const httpStatuses: Readonly<Record<number, Rule>> = {
  403: {
    errorClass: 'permission',
    message: (target) => `Exchange at ${target.url.host} refused EWS access for ${target.user}.`,
    fix: () =>
      'Check that EWS is enabled for the service account and the organisation (EwsEnabled) and ' +
      `that an EWS allow list admits the "${ewsUserAgent}" user agent.`,
  },
  404: {
    errorClass: 'not-found',
    message: (target) => `There is no EWS endpoint at ${target.url.href}.`,
    fix: () => 'Check the EWS URL; it usually ends in /EWS/Exchange.asmx.',
  },
  429: {
    errorClass: 'rate-limited',
    message: (target) => `Exchange at ${target.url.host} is throttling ${target.user}.`,
    fix: () => 'Wait a few minutes, then run the bind again.',
  },
};

export function classifyResponseCode(
  target: ProbeTarget,
  responseCode: string,
  serverText: string,
): BindError {
  const rule = responseCodes[responseCode];
  if (rule !== undefined) return fromRule(rule, target, serverText);
  return new BindError(
    'server',
    `Exchange refused the mailbox probe: ${responseCode || 'no response code'}` +
      `${quoted(serverText)}.`,
    'Look up this response code in the Exchange documentation; check the EWS URL and mode.',
  );
}

/** A 401: which scheme failed decides whether the password or the configuration is wrong. */
export function classifyUnauthorized(target: ProbeTarget, offered: readonly string[]): BindError {
  if (isExchangeOnline(target.url)) {
    return new BindError(
      'auth-scheme',
      'Basic auth for EWS in Exchange Online is retired; Exchange Online accepts only OAuth.',
      'Exchange Online needs an OAuth application registration; Basic auth cannot work there.',
    );
  }
  if (offered.some((scheme) => scheme.toLowerCase() === 'basic')) {
    return new BindError(
      'credentials',
      `Exchange at ${target.url.host} rejected the password for ${target.user}.`,
      'Check the service account name (user@domain or DOMAIN\\user) and its password; the ' +
        'account may also be locked out or expired.',
    );
  }
  const schemes = offered.length === 0 ? 'no authentication scheme' : offered.join(', ');
  return new BindError(
    'auth-scheme',
    `Exchange at ${target.url.host} does not accept Basic authentication; it offers ${schemes}.`,
    'Enable Basic authentication on the EWS virtual directory, or choose NTLM.',
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
    );
  }
  return new BindError(
    'not-found',
    `The EWS URL redirects${location === undefined ? '' : ` to ${location}`}; EWS itself ` +
      'never redirects.',
    'Enter the URL of the EWS endpoint itself, usually https://<server>/EWS/Exchange.asmx.',
  );
}

export function classifyHttpStatus(target: ProbeTarget, status: number): BindError {
  const rule = httpStatuses[status];
  if (rule !== undefined) return fromRule(rule, target, '');
  if (status >= 500) {
    return new BindError(
      'server',
      `Exchange at ${target.url.host} failed with HTTP ${status}.`,
      'Check the Exchange server and its event log, then run the bind again.',
    );
  }
  return new BindError(
    'not-found',
    `${target.url.host} answered HTTP ${status}, which is not an EWS answer.`,
    'Check the EWS URL; it usually ends in /EWS/Exchange.asmx.',
  );
}

const networkCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ETIMEDOUT',
  'EPIPE',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

// OpenSSL's certificate verification results as Node reports them, and Node's own TLS codes.
const tlsCodes = new Set([
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'CERT_UNTRUSTED',
  'CERT_REVOKED',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
]);

export function classifyTransportError(target: ProbeTarget, error: unknown): BindError {
  const code = errorCode(error);
  const {host} = target.url;

  if (code !== undefined && (tlsCodes.has(code) || /^ERR_(TLS|SSL)_/.test(code))) {
    return new BindError(
      'tls',
      `The TLS certificate of ${host} is not trusted (${code}).`,
      'Give the CA file that issued the Exchange certificate, and use the host name the ' +
        'certificate names.',
      {cause: error},
    );
  }
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') {
    return new BindError(
      'network',
      `The Exchange host ${target.url.hostname} cannot be found (${code}).`,
      'Check the host name in the EWS URL and the DNS settings of this server.',
      {cause: error},
    );
  }
  const reason = code !== undefined && networkCodes.has(code) ? code : describe(error);
  return new BindError(
    'network',
    `Cannot reach Exchange at ${host} (${reason}).`,
    'Check the EWS URL, that the server is running, and that a firewall allows this connection.',
    {cause: error},
  );
}

export function timeoutError(target: ProbeTarget, timeoutMs: number): BindError {
  return new BindError(
    'network',
    `Exchange at ${target.url.host} did not answer within ${Math.round(timeoutMs / 1000)} s.`,
    'Check that the server is running and reachable from here, then run the bind again.',
  );
}

function fromRule(rule: Rule, target: ProbeTarget, serverText: string): BindError {
  return new BindError(rule.errorClass, rule.message(target, serverText), rule.fix(target));
}

function mailboxOf(target: ProbeTarget): string {
  return target.accessMode === 'own' ? `the service account ${target.user}` : target.mailbox;
}

function quoted(serverText: string): string {
  return serverText === '' ? '' : ` ("${serverText}")`;
}

function errorCode(error: unknown): string | undefined {
  for (let current = error, depth = 0; current instanceof Error && depth < 5; depth += 1) {
    const code = (current as {code?: unknown}).code;
    if (typeof code === 'string') return code;
    current = current.cause;
  }
  return undefined;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
