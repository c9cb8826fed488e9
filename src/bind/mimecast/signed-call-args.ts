import {BindError} from '../errors.js';
import type {TransportOptions} from './call-mimecast.js';
import {checkAppId, checkAppKey} from './check-input.js';
import {signedAuthorization} from './request-headers.js';
import type {MimecastBinding} from './types.js';

/** What every call after login needs: the binding and the application key to sign with. */
export type SignedCallArgs = TransportOptions & {
  readonly regionApi: string;
  readonly appId: string;
  readonly appKey: string;
  readonly binding: MimecastBinding;
};

/** Checks the signing inputs and returns the Authorization header builder for one path. */
export function signerFor(
  args: SignedCallArgs,
  path: string,
): {appId: string; authorization: (date: string, reqId: string) => string} {
  const appId = checkAppId(args.appId);
  checkAppKey(args.appKey);
  if (args.binding.appId !== appId) {
    // A binding belongs to one application; signing it as another always fails at Mimecast.
    throw new BindError(
      'input',
      'The saved binding was made for another Mimecast application id than the one in the ' +
        'site settings.',
      'Re-bind the site with the application id now in the site settings.',
    );
  }
  return {
    appId,
    authorization: (date, reqId) =>
      signedAuthorization({
        accessKey: args.binding.accessKey,
        secretKey: args.binding.secretKey,
        appKey: args.appKey,
        date,
        reqId,
        path,
      }),
  };
}

export function signedCallSecrets(args: SignedCallArgs): string[] {
  return [args.appKey, args.binding.secretKey];
}
