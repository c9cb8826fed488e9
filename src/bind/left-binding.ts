import type {PendingBindingStore} from './bind-deps.js';
import {BindError} from './errors.js';
import type {UnprovenOutcome} from './mimecast/register-binding.js';
import type {MimecastBinding} from './mimecast/types.js';
import type {NetworkSettings} from './settings.js';
import {
  identityOf,
  sameIdentity,
  type BindingIdentity,
  type PendingBinding,
} from '../storage/pending-binding.js';

/*
 * Step 2's login creates a binding at Mimecast before get-account proves it. When the proof
 * fails and the clean-up logout fails too (with a wrong application key it always does: the
 * logout is signed with the same key), the binding stays there, counting against the user's
 * binding cap. Kept in the state directory, it is refreshed by the next bind of the same user,
 * application and region instead of another one being minted.
 */

/** What step 2 learnt of a binding its login minted but could not prove. */
export type Unproven = {readonly binding: MimecastBinding; readonly outcome: UnprovenOutcome};

/** Where a bind's Mimecast calls go and what they are signed with. */
export type LeftBindingContext = {
  readonly identity: BindingIdentity;
  readonly appKey: string;
  readonly network: NetworkSettings;
  readonly store: PendingBindingStore | undefined;
};

/**
 * The binding a failed bind left that this login may refresh. It comes before the saved
 * binding's key: one is only left for the user, application and region of the saved binding
 * when a login naming the saved key got a new binding back, so the saved one is gone at
 * Mimecast, and naming it again would mint yet another.
 *
 * [U] how Mimecast answers a login naming a binding it no longer holds (logged out, or ended
 * by its TTL): the simulator mints a new binding, which is then handled like any other.
 * Limitation: were Mimecast to refuse such a login instead, every bind of that user from this
 * state directory would be refused until `mse-bind unbind` forgets the left binding.
 */
export function leftBindingFor(
  pending: readonly PendingBinding[],
  identity: BindingIdentity,
): PendingBinding | undefined {
  return pending.find((entry) => sameIdentity(identityOf(entry), identity));
}

function keptRecord(binding: MimecastBinding, context: LeftBindingContext): PendingBinding {
  return {
    regionApi: context.identity.regionApi,
    binding,
    appKey: context.appKey,
    network: context.network,
  };
}

/** Keeps a binding that may still be at Mimecast; the storage failure when it cannot be kept. */
export async function keepLeftBinding(
  binding: MimecastBinding,
  context: LeftBindingContext,
): Promise<BindError | null> {
  if (!context.store) return new BindError('storage', 'No store is set up.', '');
  try {
    await context.store.remember(keptRecord(binding, context));
    return null;
  } catch (error) {
    if (error instanceof BindError) return error;
    return new BindError('storage', 'The record could not be written.', '', {cause: error});
  }
}

/** Forgets what is kept for the bind's user, application and region; best effort. */
export async function forgetLeftBinding(context: LeftBindingContext): Promise<void> {
  await context.store?.forget(context.identity).catch(() => undefined);
}

function withSentence(error: BindError, sentence: string): BindError {
  return new BindError(error.errorClass, `${error.message} ${sentence}`, error.fix, {
    cause: error,
    setting: error.setting,
  });
}

function withoutFullStop(text: string): string {
  return text.replace(/\.$/, '');
}

function leftWords(error: BindError, notKept: BindError | null): string {
  const wrongKey = error.errorClass === 'credentials' && error.setting === 'appKey';
  const why = wrongKey
    ? 'The clean-up logout was refused too (it is signed with the same application key), so ' +
      'the binding this login created was left at Mimecast'
    : 'The binding this login created could not be logged out again, so it was left at ' +
      'Mimecast';
  if (notKept === null) {
    return `${why}; the next bind from this state directory reuses it instead of creating another.`;
  }
  // Limitation: without a usable keychain (and no --allow-key-file) nothing can be kept
  // encrypted here, so the next bind mints another binding; after a number of them Mimecast
  // locks the administrator out.
  return (
    `${why}, and it could not be kept here to reuse (${withoutFullStop(notKept.message)}): ` +
    'the next bind creates another, and Mimecast locks the administrator out after a number ' +
    'of them.'
  );
}

/**
 * After a failed step 2: keeps a binding its login left at Mimecast (or forgets a kept one
 * that turned out to be gone), and says in the failure what became of it. A cancel is saved
 * the same way; its message stays "Cancelled.".
 */
export async function settleFailedLogin(
  error: BindError,
  unproven: Unproven | undefined,
  reused: PendingBinding | undefined,
  context: LeftBindingContext,
): Promise<BindError> {
  const cancelled = error.errorClass === 'cancelled';
  if (unproven?.outcome === 'left') {
    const notKept = await keepLeftBinding(unproven.binding, context);
    return cancelled ? error : withSentence(error, leftWords(error, notKept));
  }
  if (unproven?.outcome === 'logged-out') {
    // The login named the kept binding and got a new one back: the kept one was gone.
    if (reused) await forgetLeftBinding(context);
    return error;
  }
  if (!reused || cancelled) return error;
  return withSentence(
    error,
    'No binding was added: this bind named the one an earlier failed bind left at Mimecast, ' +
      'which is kept for the next bind.',
  );
}
