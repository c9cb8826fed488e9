import {dataFileName, type DeleteResult} from '../storage/binding-store.js';
import {keyFileName} from '../storage/key-file.js';
import {pendingFileName} from '../storage/pending-file.js';

/** Said before any removal that skips the logout, so nobody expects Mimecast to know. */
export const notLoggedOutAtMimecast =
  'The binding at Mimecast, if there is one, is not logged out: it stays valid until the ' +
  "Authentication Cache TTL of the binding administrator's profile ends it (never, with " +
  '"Never Expire").';

/** "binding.enc, binding.key and the OS keychain entry", or null when nothing was there. */
function removedParts(result: DeleteResult): string | null {
  const parts = [
    result.dataFile ? dataFileName : null,
    result.pendingFile ? pendingFileName : null,
    result.keyFile ? keyFileName : null,
    result.keychainKey ? 'the OS keychain entry' : null,
  ].filter((part): part is string => part !== null);
  if (parts.length === 0) return null;
  if (parts.length === 1) return parts[0] ?? null;
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

/**
 * One or two sentences on what a local removal did. A key file means the data key never was
 * in the keychain (a save that moves the key there deletes the file), so an unreachable
 * keychain is only worth a word when no key file was found.
 */
export function describeLocalRemoval(result: DeleteResult, stateDir: string): string {
  const parts = removedParts(result);
  const removed = parts
    ? `Removed ${parts} from ${stateDir}.`
    : `Nothing was left to remove in ${stateDir}.`;
  if (result.keychainReachable || result.keyFile) return removed;
  return (
    `${removed} The OS keychain could not be used, so a data key there for this state ` +
    'directory may remain: run mse-bind unbind again once the keychain works.'
  );
}
