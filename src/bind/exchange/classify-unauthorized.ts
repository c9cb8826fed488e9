import {BindError} from '../errors.js';
import {orChooseBasic} from './basic-alternative.js';
import {tokenWithoutPermissions, type MsDiagnostics} from './ms-diagnostics.js';
import type {ProbeTarget} from './probe-target.js';
import {offersScheme} from './www-authenticate.js';

/** What the client had sent when the server answered 401. */
export type SentCredentials =
  /** A Basic header with the password. */
  | 'basic'
  /** The NTLM negotiate message (no secret yet); the server answered without a challenge. */
  | 'ntlm-negotiate'
  /** The complete NTLM authenticate message. */
  | 'ntlm'
  /** An OAuth access token from Entra ID. */
  | 'bearer';

export type Unauthorized = {
  readonly sent: SentCredentials;
  /** The schemes the 401 offered, in the server's order. */
  readonly offered: readonly string[];
  readonly diagnostics: MsDiagnostics | null;
  /** A challenge's `error` parameter (`invalid_token`), which only a bearer server sends. */
  readonly challengeError: string | null;
};

export const supportedSchemes = 'Basic, NTLM and OAuth (Bearer)';

/** A 401: what was sent and what the server offers decide which setting is wrong. */
export function classifyUnauthorized(target: ProbeTarget, answer: Unauthorized): BindError {
  const {sent, offered} = answer;
  if (target.exchangeOnline && sent !== 'bearer') return basicRetired();

  switch (sent) {
    case 'bearer':
      return readsTokens(target, answer)
        ? tokenRefused(target, answer.diagnostics)
        : oauthNotOffered(target, offered);
    case 'basic':
      if (offersScheme(offered, 'Basic')) return passwordRefused(target, 'Basic');
      return schemeNotOffered(target, 'Basic', offered);
    case 'ntlm-negotiate':
      if (offersNtlm(offered)) return challengeMissing(target, offered);
      return schemeNotOffered(target, 'NTLM', offered);
    case 'ntlm':
      return passwordRefused(target, 'NTLM');
    default: {
      const unknown: never = sent;
      return unknown;
    }
  }
}

function basicRetired(): BindError {
  return new BindError(
    'auth-scheme',
    'Exchange Online no longer accepts Basic or NTLM sign-in for EWS (Basic auth was retired ' +
      'from October 2022); it accepts only OAuth.',
    'Choose OAuth and enter the tenant, client id and client secret of an Entra ID app ' +
      'registration with the full_access_as_app permission.',
    {setting: 'authScheme'},
  );
}

function passwordRefused(target: ProbeTarget, scheme: 'Basic' | 'NTLM'): BindError {
  const relay =
    scheme === 'NTLM' && target.proxy !== null
      ? ` If the password is right, the proxy ${target.proxy} may not pass NTLM through.`
      : '';
  return new BindError(
    'credentials',
    `Exchange at ${target.url.host} rejected the password for ${target.user} (${scheme}).` + relay,
    'Check the service account name (user@domain or DOMAIN\\user) and its password; the ' +
      'account may also be locked out, disabled or expired.',
    {setting: 'exchangePassword'},
  );
}

function schemeNotOffered(
  target: ProbeTarget,
  tried: 'Basic' | 'NTLM',
  offered: readonly string[],
): BindError {
  const schemes = offered.length === 0 ? 'no authentication scheme' : offered.join(', ');
  const usable = usableSchemes(offered);
  const message =
    target.scheme === 'auto'
      ? `Exchange at ${target.url.host} offers ${schemes}; mse-bind supports ${supportedSchemes}.`
      : `Exchange at ${target.url.host} does not accept ${tried} authentication; it offers ` +
        `${schemes}.`;
  const fix =
    usable.length > 0
      ? `Choose ${usable.join(' or ')} as the auth scheme.`
      : `Enable ${tried === 'Basic' ? 'Basic' : 'Windows (NTLM)'} authentication on the EWS ` +
        'virtual directory, or check that a proxy in between does not strip the challenge.';
  return new BindError('auth-scheme', message, fix, {setting: 'authScheme'});
}

/**
 * The server lists NTLM (or Negotiate, which carries it) yet answered the negotiate message
 * without a challenge: the handshake broke in between, not for want of the scheme.
 */
function challengeMissing(target: ProbeTarget, offered: readonly string[]): BindError {
  const through = target.proxy === null ? '' : ` through the proxy ${target.proxy}`;
  const between =
    target.proxy === null ? 'no proxy or load balancer' : 'neither the proxy nor a load balancer';
  const basic = orChooseBasic(offered);
  return new BindError(
    'auth-scheme',
    `Exchange at ${target.url.host} offers ${offered.join(', ')} but answered the NTLM ` +
      `negotiate message${through} without an NTLM challenge, so the sign-in stopped before ` +
      'the password was sent.',
    `Check that ${between} ` +
      'in front of Exchange strips the NTLM challenge or fails to keep the connection on one ' +
      'server, and that Windows authentication on the EWS virtual directory has NTLM among ' +
      `its providers${basic}.`,
    {setting: basic !== '' ? 'authScheme' : target.proxy !== null ? 'proxyUrl' : 'ewsUrl'},
  );
}

function offersNtlm(offered: readonly string[]): boolean {
  return offersScheme(offered, 'NTLM') || offersScheme(offered, 'Negotiate');
}

function usableSchemes(offered: readonly string[]): string[] {
  const usable: string[] = [];
  if (offersNtlm(offered)) usable.push('NTLM');
  if (offersScheme(offered, 'Basic')) usable.push('Basic');
  if (offersScheme(offered, 'Bearer')) usable.push('OAuth');
  return usable;
}

// Exchange Online always reads the token; elsewhere a 401 that neither offers Bearer nor says
// why the token failed comes from a server that never looked at it (on premises without OAuth).
function readsTokens(target: ProbeTarget, answer: Unauthorized): boolean {
  return (
    target.exchangeOnline ||
    offersScheme(answer.offered, 'Bearer') ||
    answer.diagnostics !== null ||
    answer.challengeError !== null
  );
}

function oauthNotOffered(target: ProbeTarget, offered: readonly string[]): BindError {
  const schemes = offered.length === 0 ? 'no authentication scheme' : offered.join(', ');
  const usable = usableSchemes(offered);
  const fix =
    usable.length > 0
      ? `Choose ${usable.join(' or ')} as the auth scheme and enter the service account and ` +
        'its password; an app-only token works only with Exchange Online or an Exchange set ' +
        'up for OAuth (hybrid modern authentication).'
      : "Check that the EWS URL is Exchange Online's or that of an Exchange set up for OAuth " +
        '(hybrid modern authentication), and that nothing in between strips the challenge.';
  return new BindError(
    'auth-scheme',
    `Exchange at ${target.url.host} does not accept OAuth (bearer tokens); it offers ` +
      `${schemes}.`,
    fix,
    {setting: 'authScheme'},
  );
}

function tokenRefused(target: ProbeTarget, diagnostics: MsDiagnostics | null): BindError {
  if (diagnostics?.code === tokenWithoutPermissions) {
    return new BindError(
      'permission',
      `Exchange accepted the token of app ${target.clientId} but it carries no EWS ` +
        `permission (${diagnostics.code}: ${diagnostics.reason || 'no permissions'}).`,
      'In Entra ID, add the Office 365 Exchange Online application permission ' +
        'full_access_as_app to the app registration and grant admin consent.',
      {setting: 'exchangeClientId'},
    );
  }
  const reason =
    diagnostics === null ? '' : ` (${diagnostics.code}: ${diagnostics.reason || 'no reason'})`;
  return new BindError(
    'credentials',
    `Exchange at ${target.url.host} refused the access token of app ${target.clientId}${reason}.`,
    'Check the tenant and the client id; the token must be issued for ' +
      'https://outlook.office365.com by the tenant that holds the mailbox.',
    {setting: 'exchangeTenant'},
  );
}
