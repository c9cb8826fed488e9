import {BindError} from '../errors.js';
import {
  realmOfAuthenticateValue,
  realmPreference,
  realmWhenNoneOffered,
} from './inferred-behaviour.js';
import type {MimecastRealm} from './types.js';

/**
 * The login realm from discovery's `authenticate` list: the best one offered, by the reading
 * and the preference in inferred-behaviour.ts (the values Mimecast sends are [U]).
 */
export function pickRealm(authenticate: unknown, email: string): MimecastRealm {
  const offered = Array.isArray(authenticate) ? authenticate : [];
  const realms = offered.map(realmOfAuthenticateValue);
  const best = realmPreference.find((realm) => realms.includes(realm));
  if (best !== undefined) return best;
  if (offered.length === 0) return realmWhenNoneOffered;
  const names = offered.filter((value) => typeof value === 'string').join(', ');
  throw new BindError(
    'auth-scheme',
    `Mimecast offers ${email} only sign-in methods a binding cannot use (${names}); a ` +
      'binding needs a Mimecast cloud password or a domain password.',
    'Give the user a Mimecast cloud password in the Administration Console, or bind with ' +
      'another administrator who has one.',
  );
}
