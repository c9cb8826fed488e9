import {BindError} from '../errors.js';
import {parseApiBase} from './api-base.js';
import {callMimecast, transportOf, type TransportOptions} from './call-mimecast.js';
import {checkAppId, checkEmail} from './check-input.js';
import {checkClock} from './clock-check.js';
import {parseDiscoveryUrl} from './discovery-url.js';
import {isRecord} from './envelope.js';
import {pickRealm} from './pick-realm.js';
import {ServerClock} from './server-clock.js';
import {withNetworkPath} from './with-network-path.js';
import type {MimecastRealm} from './types.js';

export type FindAccountArgs = TransportOptions & {
  readonly discoveryUrl: string;
  readonly appId: string;
  readonly email: string;
};

export type FoundAccount = {
  /** The regional API base URL (an origin) that serves the account. */
  readonly regionApi: string;
  readonly realm: MimecastRealm;
};

/**
 * Step 1: finds the account that owns the email's domain, and with it the regional API host
 * and the login realm. Discovery is the one call made without an Authorization header. A
 * clock too far off Mimecast's (by the reply's Date) stops the bind here, before step 2 signs
 * anything.
 */
export async function findAccount(args: FindAccountArgs): Promise<FoundAccount> {
  const baseUrl = parseDiscoveryUrl(args.discoveryUrl);
  const email = checkEmail(args.email);
  const appId = checkAppId(args.appId);
  const host = new URL(baseUrl).host;
  const serverClock = args.serverClock ?? new ServerClock(args.now);

  const data = await withNetworkPath(args, (networkPath) =>
    callMimecast({
      ...transportOf(args),
      serverClock,
      networkPath,
      baseUrl,
      path: '/api/login/discover-authentication',
      appId,
      authorization: () => undefined,
      data: [{emailAddress: email}],
      context: {step: 'discover', host, email, secrets: []},
      idempotent: true,
    }),
  );

  const found = isRecord(data[0]) ? data[0] : {};
  const region = isRecord(found.region) ? found.region.api : undefined;
  if (typeof region !== 'string' || region.trim() === '') {
    // Mimecast answers an unknown address with HTTP 200 and no region, not with an error [I:
    // public clients read it so and expect no HTTP error].
    const domain = email.slice(email.lastIndexOf('@') + 1);
    throw new BindError(
      'not-found',
      `${domain} is not a Mimecast customer domain: discovery at ${host} found no account ` +
        `for ${email}.`,
      'Check the email address for typos. It must be the primary address of a Mimecast ' +
        "administrator, in one of the account's internal domains.",
      {setting: 'email'},
    );
  }

  const regionApi = parseApiBase(region, {
    errorClass: 'server',
    label: `The regional API address that discovery at ${host} returned`,
    fix: 'Check that the discovery URL points at Mimecast, not at a proxy or another service.',
    setting: 'discoveryUrl',
  });
  const realm = pickRealm(found.authenticate, email);
  checkClock(serverClock, host);
  return {regionApi, realm};
}
