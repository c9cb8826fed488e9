import {BindError} from '../errors.js';
import {callMimecast, transportOf, type TransportOptions} from './call-mimecast.js';
import {checkAppId, checkEmail, checkPassword} from './check-input.js';
import {isRecord} from './envelope.js';
import {bindingExpiry} from './inferred-behaviour.js';
import {parseRegionApi} from './region-base.js';
import {basicAuthorization} from './request-headers.js';
import {withNetworkPath} from './with-network-path.js';
import type {MimecastBinding, MimecastRealm} from './types.js';

export type LoginArgs = TransportOptions & {
  readonly regionApi: string;
  readonly appId: string;
  readonly email: string;
  readonly password: string;
  readonly realm: MimecastRealm;
  /** The access key of a binding to refresh (extend) instead of minting a new one. */
  readonly existingAccessKey?: string;
};

function badReply(host: string, what: string): BindError {
  return new BindError(
    'server',
    `Mimecast login at ${host} answered without ${what}.`,
    'Try again; if it repeats, report this to Mimecast support.',
  );
}

/**
 * Signs the administrator in and returns the binding (access key and secret key). It is tried
 * again only after a 429, which Mimecast answers without running the login: any other failed
 * login may have created a binding even if its reply was lost.
 */
export async function login(args: LoginArgs): Promise<MimecastBinding> {
  const baseUrl = parseRegionApi(args.regionApi);
  const email = checkEmail(args.email);
  const appId = checkAppId(args.appId);
  checkPassword(args.password);
  const host = new URL(baseUrl).host;
  const refreshing = args.existingAccessKey !== undefined && args.existingAccessKey !== '';

  const data = await withNetworkPath(args, (networkPath) =>
    callMimecast({
      ...transportOf(args),
      networkPath,
      baseUrl,
      path: '/api/login/login',
      appId,
      authorization: () => basicAuthorization(args.realm, email, args.password),
      data: [refreshing ? {userName: email, accessKey: args.existingAccessKey} : {userName: email}],
      context: {step: 'login', host, email, realm: args.realm, secrets: [args.password]},
      // A login that reached Mimecast may have created a binding (a 429 did not run at all).
      idempotent: false,
    }),
  );

  const reply = isRecord(data[0]) ? data[0] : {};
  const {accessKey, secretKey} = reply;
  if (typeof accessKey !== 'string' || accessKey === '') throw badReply(host, 'an access key');
  if (typeof secretKey !== 'string' || !/^[A-Za-z0-9+/]+={0,2}$/.test(secretKey)) {
    throw badReply(host, 'a base64 secret key');
  }
  const boundAt = (args.now ?? (() => new Date()))();
  return {
    appId,
    accessKey,
    secretKey,
    boundBy: email,
    boundAt: boundAt.toISOString(),
    expiresAt: bindingExpiry(reply.duration, boundAt),
  };
}
