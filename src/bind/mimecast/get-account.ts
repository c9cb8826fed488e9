import {BindError} from '../errors.js';
import {callMimecast, transportOf} from './call-mimecast.js';
import {isRecord} from './envelope.js';
import {parseRegionApi} from './region-base.js';
import {signedCallSecrets, signerFor, type SignedCallArgs} from './signed-call-args.js';
import type {MimecastAccount} from './types.js';
import {withNetworkPath} from './with-network-path.js';

const path = '/api/account/get-account';

/** A signed get-account: proves the binding works and names the account it belongs to. */
export async function getAccount(args: SignedCallArgs): Promise<MimecastAccount> {
  const regionApi = parseRegionApi(args.regionApi);
  const host = new URL(regionApi).host;
  const signer = signerFor(args, path);
  const data = await withNetworkPath(args, (networkPath) =>
    callMimecast({
      ...transportOf(args),
      ...signer,
      networkPath,
      baseUrl: regionApi,
      path,
      data: [],
      context: {
        step: 'get-account',
        host,
        email: args.binding.boundBy,
        secrets: signedCallSecrets(args),
      },
      idempotent: true,
    }),
  );

  const account = isRecord(data[0]) ? data[0] : {};
  const {accountCode, accountName} = account;
  if (typeof accountCode !== 'string' || accountCode === '' || typeof accountName !== 'string') {
    throw new BindError(
      'server',
      `Mimecast account check at ${host} answered without an account code and name.`,
      'Try again; if it repeats, report this to Mimecast support.',
    );
  }
  return {code: accountCode, name: accountName, regionApi};
}
