import type {ExchangeAccessMode, ExchangeAuthScheme} from '../settings.js';

/** What was probed and how; enough to say who could not do what, and never a secret. */
export type ProbeTarget = {
  readonly url: URL;
  /** The service account, or for OAuth the app (`app <client id>`). */
  readonly user: string;
  readonly accessMode: ExchangeAccessMode;
  readonly mailbox: string;
  readonly scheme: ExchangeAuthScheme;
  /** The EWS host is Exchange Online (where Basic and NTLM are retired). */
  readonly exchangeOnline: boolean;
  /** `host:port` of the proxy the probe goes through, or null for a direct connection. */
  readonly proxy: string | null;
  /** OAuth: the app registration's client id; empty otherwise. */
  readonly clientId: string;
};

/** The mailbox the probe opens, as a message names it. */
export function mailboxOf(target: ProbeTarget): string {
  return target.accessMode === 'own' ? `the service account ${target.user}` : target.mailbox;
}

/** ` ("server text")`, or nothing when the server said nothing. */
export function quoted(serverText: string): string {
  return serverText === '' ? '' : ` ("${serverText}")`;
}
