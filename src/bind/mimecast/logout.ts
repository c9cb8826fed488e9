import {callMimecast, transportOf} from './call-mimecast.js';
import {parseRegionApi} from './region-base.js';
import {signedCallSecrets, signerFor, type SignedCallArgs} from './signed-call-args.js';

const path = '/api/login/logout';

/**
 * Unbinds: the access key and secret key stop working at Mimecast. An expired binding cannot
 * sign its own logout and fails with 'account-state'; a caller that only wants it gone may
 * take that as done.
 */
export async function logout(args: SignedCallArgs): Promise<void> {
  const regionApi = parseRegionApi(args.regionApi);
  await callMimecast({
    ...transportOf(args),
    ...signerFor(args, path),
    baseUrl: regionApi,
    path,
    data: [{accessKey: args.binding.accessKey}],
    context: {
      step: 'logout',
      host: new URL(regionApi).host,
      email: args.binding.boundBy,
      secrets: signedCallSecrets(args),
    },
  });
}
