import {transportOf, type TransportOptions} from './call-mimecast.js';
import {checkAppKey} from './check-input.js';
import {getAccount} from './get-account.js';
import {login} from './login.js';
import {logout} from './logout.js';
import {ServerClock} from './server-clock.js';
import type {SignedCallArgs} from './signed-call-args.js';
import type {MimecastAccount, MimecastBinding, MimecastRealm} from './types.js';
import {withNetworkPath} from './with-network-path.js';

export type RegisterBindingArgs = TransportOptions & {
  readonly regionApi: string;
  readonly appId: string;
  readonly appKey: string;
  readonly email: string;
  readonly password: string;
  readonly realm: MimecastRealm;
  /** The access key of a binding to refresh (the saved one, or one a failed bind left). */
  readonly existingAccessKey?: string;
  /**
   * Told, before the failure is thrown, what became of a binding this call minted but could
   * not prove: `logged-out` when the clean-up logout went through, `left` when it may still be
   * at Mimecast (the logout failed, or was not waited for after a cancel). The caller keeps a
   * left binding's keys so that the next bind refreshes it instead of minting another.
   */
  readonly onUnproven?: (binding: MimecastBinding, outcome: UnprovenOutcome) => void;
};

export type UnprovenOutcome = 'logged-out' | 'left';

export type RegisteredBinding = {
  readonly binding: MimecastBinding;
  readonly account: MimecastAccount;
};

const cleanupTimeoutMs = 3_000;

/**
 * Step 2: login (creating or refreshing the binding), then a signed get-account that proves
 * the binding works and names the account. When the check fails, a binding minted by this
 * call is logged out again so it does not count against the user's binding cap; a refreshed
 * binding is left alone, the saved record still uses it. The logout is signed with Mimecast's
 * time as the replies' Date headers show it: when get-account was refused because this
 * computer's clock is off, a logout signed with that clock would be refused too.
 *
 * Limitation: when no reply carried a Date header, the logout is signed with this computer's
 * clock, and after a refusal for the time that binding stays at Mimecast until its TTL ends.
 *
 * Limitation: with a wrong application key the cleanup cannot work either (logout is signed
 * with the same key), so that binding stays at Mimecast until its TTL ends. `onUnproven` says
 * so, and the pipeline has the next bind refresh it rather than mint another.
 */
export async function registerBinding(args: RegisterBindingArgs): Promise<RegisteredBinding> {
  // Checked before login: a missing key found afterwards would leave a binding behind.
  checkAppKey(args.appKey);
  const serverClock = args.serverClock ?? new ServerClock(args.now);
  // One network path for login, get-account and any cleanup: they share a connection.
  return withNetworkPath(args, async (networkPath) => {
    const binding = await login({...args, networkPath, serverClock});
    const signed: SignedCallArgs = {
      ...transportOf(args),
      serverClock,
      networkPath,
      regionApi: args.regionApi,
      appId: args.appId,
      appKey: args.appKey,
      binding,
    };
    try {
      return {binding, account: await getAccount(signed)};
    } catch (error) {
      if (binding.accessKey !== args.existingAccessKey) {
        const cleanup = forget({...signed, now: () => serverClock.now()});
        // After a cancel the caller must not wait for the cleanup; it finishes (or times
        // out) on its own, so the binding counts as left.
        const loggedOut = args.signal.aborted ? false : await cleanup;
        args.onUnproven?.(binding, loggedOut ? 'logged-out' : 'left');
      }
      throw error;
    }
  });
}

/** True when the binding was logged out. */
async function forget(signed: SignedCallArgs): Promise<boolean> {
  try {
    await logout({
      ...signed,
      signal: AbortSignal.timeout(cleanupTimeoutMs),
      retry: {rateLimitRetries: 0},
    });
    return true;
  } catch {
    // Best effort: the failure the user must see is the one that stopped the bind.
    return false;
  }
}
