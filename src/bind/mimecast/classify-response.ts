import {BindError} from '../errors.js';
import {accountRefusal} from './account-refusals.js';
import {describeCall, type CallContext} from './call-context.js';
import type {MimecastErrorItem} from './envelope.js';
import {
  bindingCapLoginStatus,
  isRegionRedirect,
  mimecastErrorCodes as codes,
} from './inferred-behaviour.js';
import {header, type MimecastReply} from './mimecast-reply.js';
import {roleRefusal} from './role-refusal.js';
import {serverDetail} from './server-detail.js';
import {signedRefusal, unauthorized} from './unauthorized.js';

export {header, type MimecastReply} from './mimecast-reply.js';

/** The replies whose status means the same whether or not a JSON body came with them. */
const statusesThatNeedNoBody = new Set([401, 403, 418, 429]);

/**
 * The one place where an HTTP status, a `fail[]` entry or a body of the wrong kind becomes a
 * classified BindError; null means the call succeeded. Codes that say more than the status are
 * read first, then the status (for HTTP 200 with `fail[]`, the status in `meta`).
 */
export function classifyResponse(reply: MimecastReply, context: CallContext): BindError | null {
  const {status, envelope} = reply;
  if (isRegionRedirect(status)) return redirected(reply, context);
  if (envelope === null && !statusesThatNeedNoBody.has(status)) return notMimecast(reply, context);

  const error = envelope?.fail[0];
  const succeeded = status >= 200 && status < 300;
  if (succeeded && error === undefined) return null;

  const detail = serverDetail(error, context);
  const byCode = classifyByCode(error, reply, context, detail);
  if (byCode) return byCode;
  const functionStatus = succeeded ? (envelope?.status ?? status) : status;
  return classifyByStatus(functionStatus, reply, context, detail);
}

function who(context: CallContext): string {
  return context.email ?? 'the bound user';
}

function classifyByCode(
  error: MimecastErrorItem | undefined,
  reply: MimecastReply,
  context: CallContext,
  detail: string,
): BindError | null {
  const code = error?.code ?? '';
  if (code === codes.bindingExpired) return bindingExpired(context, detail);
  if (code === codes.dateOutOfRange) return signedRefusal(reply, context, detail, true);
  if (code === codes.developerKey) {
    return new BindError(
      'credentials',
      `${describeCall(context)}: Mimecast does not accept the application id or key${detail}.`,
      'Copy the application id and key from Administration Console | Services | API and ' +
        'Platform Integrations into the site settings.',
      {setting: 'appId'},
    );
  }
  if (code.startsWith(codes.validationPrefix)) {
    const what = error?.field ? `the value of "${error.field}"` : 'a value';
    return new BindError(
      'input',
      `${describeCall(context)} refused ${what}${detail}.`,
      'Check the email address and the application id in the site settings.',
    );
  }
  return accountRefusal(code, context, detail);
}

function classifyByStatus(
  status: number,
  reply: MimecastReply,
  context: CallContext,
  detail: string,
): BindError {
  const call = describeCall(context);
  if (context.step === 'login' && status === bindingCapLoginStatus) {
    return bindingCapReached(context, detail);
  }
  switch (status) {
    case 400:
      return new BindError(
        'input',
        `${call} refused the request as malformed${detail}.`,
        'Check the email address and the application id in the site settings.',
      );
    case 401:
      return unauthorized(reply, context, detail);
    case 403:
      return roleRefusal(context, detail);
    case 404:
      return new BindError(
        'server',
        `${call} has no Mimecast API at this address (HTTP 404)${detail}.`,
        'Check the discovery URL in the site settings (https://api.mimecast.com unless ' +
          'Mimecast support gave you another).',
        {setting: 'discoveryUrl'},
      );
    case 409:
      return conflict(context, detail);
    case 418:
      return bindingExpired(context, detail);
    case 429:
      return rateLimited(reply, context, detail);
    default:
      if (status >= 500) {
        return new BindError(
          'server',
          `${call} failed on Mimecast's side (HTTP ${status})${detail}.`,
          "Try again in a few minutes; if it keeps failing, check Mimecast's service status.",
        );
      }
      return new BindError(
        'server',
        `${call} failed (HTTP ${status})${detail}.`,
        'Try again; if it repeats, report the message above to Mimecast support.',
      );
  }
}

/**
 * Class 'account-state', not 'credentials': the administrator's password may well still be
 * right; what lapsed is the binding's time to live at Mimecast, and the remedy is a re-bind.
 */
function bindingExpired(context: CallContext, detail: string): BindError {
  return new BindError(
    'account-state',
    `${describeCall(context)}: the binding expired (the authentication cache TTL of ` +
      `${who(context)} has passed)${detail}.`,
    "Re-bind the site (mse-bind rebind) with the administrator's current password. To stop " +
      "this recurring, set the Authentication Cache TTL of the user's authentication profile " +
      'to Never Expire.',
  );
}

/** A login refused with the status taken to mean the binding cap (inferred-behaviour.ts). */
function bindingCapReached(context: CallContext, detail: string): BindError {
  return new BindError(
    'account-state',
    `${describeCall(context)}: Mimecast refused to create another binding for ` +
      `${who(context)}${detail}.`,
    'Log out the bindings this user no longer needs (mse-bind unbind on sites that are ' +
      'gone), or bind with a dedicated service user.',
    {setting: 'email'},
  );
}

function conflict(context: CallContext, detail: string): BindError {
  return new BindError(
    'account-state',
    `${describeCall(context)}: Mimecast reported a state conflict (HTTP 409)${detail}.`,
    'Try again in a minute; if it repeats, re-bind the site.',
  );
}

/** X-RateLimit-Reset in milliseconds [C], or null when absent or unreadable. */
export function rateLimitResetMs(reply: MimecastReply): number | null {
  const text = header(reply, 'x-ratelimit-reset');
  const value = text === undefined || text.trim() === '' ? NaN : Number(text);
  return Number.isFinite(value) && value >= 0 ? value : null;
}

function rateLimited(reply: MimecastReply, context: CallContext, detail: string): BindError {
  const resetMs = rateLimitResetMs(reply);
  const wait =
    resetMs === null
      ? 'wait a minute'
      : `wait at least ${Math.max(1, Math.ceil(resetMs / 1000))} s ` +
        `(X-RateLimit-Reset: ${resetMs} ms)`;
  return new BindError(
    'rate-limited',
    `${describeCall(context)}: Mimecast's rate limit for ${who(context)} is used up; ` +
      `${wait}${detail}.`,
    `Wait, then try again. The limit counts every binding of ${who(context)}, so other ` +
      'integrations signed in as the same user use it up too.',
  );
}

function safeLocation(reply: MimecastReply): string {
  const location = header(reply, 'location');
  if (!location) return 'another address';
  try {
    const url = new URL(location);
    return `${url.origin}${url.pathname}`;
  } catch {
    return 'an address that is not a valid URL';
  }
}

/**
 * A redirect is never followed: the Authorization header would go along to wherever it points.
 * The global host redirects API calls to the account's region [C; which 3xx is [U], see
 * inferred-behaviour.ts], so a redirect means a wrong host in the settings or a stale regional
 * address.
 */
function redirected(reply: MimecastReply, context: CallContext): BindError {
  const discovering = context.step === 'discover';
  return new BindError(
    'server',
    `${describeCall(context)} answered with a redirect (HTTP ${reply.status}) to ` +
      `${safeLocation(reply)}: this host does not serve the account (wrong region or URL).`,
    discovering
      ? 'Check the discovery URL in the site settings; https://api.mimecast.com finds the ' +
          'region by itself.'
      : 'Bind again so that discovery picks the regional host for the account.',
    discovering ? {setting: 'discoveryUrl'} : {},
  );
}

function notMimecast(reply: MimecastReply, context: CallContext): BindError {
  const call = describeCall(context);
  if (reply.status === 407) {
    return new BindError(
      'network',
      `${call}: a proxy between this computer and Mimecast asks for authentication (HTTP 407).`,
      'Allow outbound HTTPS to the Mimecast API host through the proxy for this server.',
      {setting: 'proxyUrl'},
    );
  }
  if (reply.bodyKind === 'malformed-json') {
    return new BindError(
      'server',
      `${call} answered with HTTP ${reply.status} and JSON that does not parse (cut short ` +
        'or garbled on the way).',
      'Try again; if it repeats, check that no proxy or security device rewrites HTTPS ' +
        'traffic to the Mimecast API host.',
    );
  }
  const contentType = header(reply, 'content-type')?.split(';')[0]?.trim();
  const body = contentType ? `a ${contentType} page` : 'a body';
  const via = context.proxy === undefined ? '' : ` (through the proxy ${context.proxy})`;
  return new BindError(
    'server',
    `${call}${via} answered with HTTP ${reply.status} and ${body} that is not Mimecast API ` +
      "JSON; a proxy, firewall or captive portal probably answered in Mimecast's place.",
    'Check that outbound HTTPS to the Mimecast API host is allowed and not intercepted, and ' +
      'that the discovery URL in the site settings is right.',
    context.proxy === undefined ? {setting: 'discoveryUrl'} : {setting: 'proxyUrl'},
  );
}
