import type {SaveResult} from './binding-store.js';

/** The one-line fact step 5 shows once the binding is saved: where it went, and its key. */
export function describeSave(result: SaveResult): string {
  if (result.keyLocation === 'keychain') {
    return `Encrypted in ${result.dataFile}; data key in the OS keychain`;
  }
  return `Encrypted in ${result.dataFile}; data key in ${result.keyFile} (weaker)`;
}
