import type {MimecastRealm} from './types.js';

/** The password type a realm stands for, in the words an administrator knows. */
export function realmWords(realm: MimecastRealm | undefined): string {
  if (realm === 'Basic-AD') return 'a domain password (Basic-AD)';
  if (realm === 'Basic-Cloud') return 'a Mimecast cloud password (Basic-Cloud)';
  return 'the expected password type';
}
