import {callMimecast, transportOf} from './call-mimecast.js';
import {parseRegionApi} from './region-base.js';
import {signedCallSecrets, signerFor, type SignedCallArgs} from './signed-call-args.js';
import {withNetworkPath} from './with-network-path.js';

const path = '/api/login/logout';

/**
 * Unbinds: the access key and secret key stop working at Mimecast, and the binding no longer
 * counts against the user's cap. An expired binding cannot sign its own logout and fails with
 * 'account-state'; a caller that only wants it gone may take that as done. Pass the saved
 * site's `network` settings (CA file, proxy) so the call takes the same path as the bind.
 */
export async function logout(args: SignedCallArgs): Promise<void> {
  const regionApi = parseRegionApi(args.regionApi);
  const signer = signerFor(args, path);
  await withNetworkPath(args, (networkPath) =>
    callMimecast({
      ...transportOf(args),
      ...signer,
      networkPath,
      baseUrl: regionApi,
      path,
      data: [{accessKey: args.binding.accessKey}],
      context: {
        step: 'logout',
        host: new URL(regionApi).host,
        email: args.binding.boundBy,
        secrets: signedCallSecrets(args),
      },
      // A second try would be signed with a binding the first may already have ended.
      idempotent: false,
    }),
  );
}
