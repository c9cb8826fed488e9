import type {MimecastRealm} from './types.js';

/** The API 1.0 calls this client makes; each names itself in messages. */
export type MimecastStep = 'discover' | 'login' | 'get-account' | 'logout';

const stepLabels: Readonly<Record<MimecastStep, string>> = {
  discover: 'discovery',
  login: 'login',
  'get-account': 'account check',
  logout: 'logout',
};

/** What a message about one call may name. Secrets are listed only so they can be kept out. */
export type CallContext = {
  readonly step: MimecastStep;
  /** host[:port] of the server called. */
  readonly host: string;
  readonly email?: string;
  readonly realm?: MimecastRealm;
  /** `host:port` of the proxy the call went through, if any; never its credentials. */
  readonly proxy?: string;
  /** Values that must never appear in a message, even when a server echoes them. */
  readonly secrets: readonly string[];
};

/** e.g. "Mimecast login at eu-api.mimecast.com". */
export function describeCall(context: CallContext): string {
  return `Mimecast ${stepLabels[context.step]} at ${context.host}`;
}
