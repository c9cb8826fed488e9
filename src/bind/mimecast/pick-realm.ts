import {BindError} from '../errors.js';
import type {MimecastRealm} from './types.js';

function realmOf(value: unknown): MimecastRealm | null {
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (word.includes('cloud')) return 'Basic-Cloud';
  if (word.includes('domain') || word === 'basic-ad' || word === 'ad') return 'Basic-AD';
  return null;
}

/**
 * The login realm from discovery's `authenticate` list. The exact values Mimecast sends are
 * not documented [U]: clients map them to the two realms, and the wording seen is either the
 * realm names or "cloud" / "domain", so both are read. A cloud password is preferred when
 * offered: it works without the domain controller being reachable from Mimecast.
 */
export function pickRealm(authenticate: unknown, email: string): MimecastRealm {
  const offered = Array.isArray(authenticate) ? authenticate : [];
  const realms = offered.map(realmOf);
  if (realms.includes('Basic-Cloud')) return 'Basic-Cloud';
  if (realms.includes('Basic-AD')) return 'Basic-AD';
  // An empty or missing list says nothing either way; a cloud password is the common case.
  if (offered.length === 0) return 'Basic-Cloud';
  const names = offered.filter((value) => typeof value === 'string').join(', ');
  throw new BindError(
    'auth-scheme',
    `Mimecast offers ${email} only sign-in methods a binding cannot use (${names}); a ` +
      'binding needs a Mimecast cloud password or a domain password.',
    'Give the user a Mimecast cloud password in the Administration Console, or bind with ' +
      'another administrator who has one.',
  );
}
