import {BindError} from '../errors.js';
import {describeCall, type CallContext} from './call-context.js';
import {clockSkewLimitMs, wrongRegionStatus} from './inferred-behaviour.js';
import {header, type MimecastReply} from './mimecast-reply.js';
import {realmWords} from './realm-words.js';

function who(context: CallContext): string {
  return context.email ?? 'the bound user';
}

/**
 * A 401: refused credentials at login, an application id discovery does not know, or a signed
 * call refused (see signedRefusal).
 */
export function unauthorized(
  reply: MimecastReply,
  context: CallContext,
  detail: string,
): BindError {
  const call = describeCall(context);
  if (context.step === 'login') {
    // Without a code that says more, Mimecast answers a wrong password, a wrong realm, an
    // unknown user and a host of another region alike [I: the documented 401 covers them all;
    // its sub-codes but 0001 are [U]], so the message names the likely causes.
    const type = realmWords(context.realm);
    const region = reply.status === wrongRegionStatus ? wrongRegionWords(context) : null;
    const causes = [
      'the password is wrong',
      `the user does not sign in with ${type}`,
      ...(region === null ? [] : [region.cause]),
    ];
    return new BindError(
      'credentials',
      `${call} refused ${who(context)}: ${alternatives(causes)}${detail}.`,
      "Type the administrator's current password (after a rotation, the new one). If it is " +
        `right, check in the Administration Console that the user has ${type} and that ` +
        "2-step authentication is off in the user's authentication profile." +
        (region === null ? '' : ` ${region.fix}`),
      {setting: 'password'},
    );
  }
  if (context.step === 'discover') {
    return new BindError(
      'credentials',
      `${call} did not accept the application id${detail}.`,
      'Copy the application id from Administration Console | Services | API and Platform ' +
        'Integrations into the site settings.',
      {setting: 'appId'},
    );
  }
  return signedRefusal(reply, context, detail, false);
}

/**
 * A signed call refused: a binding logged out, an application key that does not match, or a
 * request whose x-mc-date Mimecast finds too far from its own clock. The reply's Date header
 * tells the last apart even when the code does not.
 */
export function signedRefusal(
  reply: MimecastReply,
  context: CallContext,
  detail: string,
  dateRefused: boolean,
): BindError {
  const call = describeCall(context);
  // When Mimecast says the time was refused, any skew of a minute or more is worth naming.
  const skew = clockSkewMinutes(reply, dateRefused ? 60_000 : clockSkewLimitMs);
  if (skew !== null || dateRefused) {
    const off =
      skew === null
        ? "This computer's clock is probably wrong"
        : `This computer's clock is about ${skew} ${skew === 1 ? 'minute' : 'minutes'} off ` +
          "Mimecast's";
    return new BindError(
      'credentials',
      `${call} refused the request's time stamp${detail}. ${off}, and every signed request ` +
        'carries the time.',
      "Set this computer's clock right (use a time server), then try again.",
    );
  }
  const causes = [
    'the binding was logged out or revoked',
    'the application key does not belong to the application id',
    ...(reply.status === wrongRegionStatus
      ? [`${context.host} is not the region that holds the binding`]
      : []),
  ];
  return new BindError(
    'credentials',
    `${call} did not accept the signed request: ${alternatives(causes)}${detail}.`,
    'Check the application key in the site settings, then re-bind the site (discovery finds ' +
      "the binding's region again).",
    {setting: 'appKey'},
  );
}

/** "a or b", "a, b, or c": the comma keeps a cause that holds an "or" of its own apart. */
function alternatives(causes: readonly string[]): string {
  if (causes.length <= 2) return causes.join(' or ');
  return `${causes.slice(0, -1).join(', ')}, or ${causes.at(-1)}`;
}

/**
 * A host that does not serve the user's region refuses the login like a wrong password
 * (inferred-behaviour.ts); the login went there because discovery named it, so a discovery URL
 * at the wrong region is the setting to suspect.
 */
function wrongRegionWords(context: CallContext): {cause: string; fix: string} {
  return {
    cause:
      `${context.host} is not the region that serves the user's account (a discovery URL ` +
      "pointing at another region's host can lead there)",
    fix:
      'If the discovery URL in the site settings is not https://api.mimecast.com, check that ' +
      "it points at the account's region, or set it back to https://api.mimecast.com.",
  };
}

/** The skew the reply's Date shows in whole minutes, when it is over `worthNamingMs`. */
function clockSkewMinutes(reply: MimecastReply, worthNamingMs: number): number | null {
  const serverDate = Date.parse(header(reply, 'date') ?? '');
  if (Number.isNaN(serverDate)) return null;
  const skew = Math.abs(serverDate - reply.sentAt.getTime());
  return skew > worthNamingMs ? Math.round(skew / 60_000) : null;
}
