import {BindError} from '../errors.js';
import {describeCall, type CallContext} from './call-context.js';
import {mimecastErrorCodes as codes} from './inferred-behaviour.js';
import type {MimecastRealm} from './types.js';
import {realmWords} from './realm-words.js';

function who(context: CallContext): string {
  return context.email ?? 'the bound user';
}

function otherRealm(realm: MimecastRealm | undefined): MimecastRealm | undefined {
  if (realm === undefined) return undefined;
  return realm === 'Basic-Cloud' ? 'Basic-AD' : 'Basic-Cloud';
}

/**
 * The refusals that are about the Mimecast user rather than the request: a password type the
 * user does not have, 2-step authentication, a locked or disabled user, too many bindings.
 * Each is told apart by its error code (see inferred-behaviour.ts for which codes are
 * guesses).
 */
export function accountRefusal(
  code: string,
  context: CallContext,
  detail: string,
): BindError | null {
  const call = describeCall(context);
  const user = who(context);
  switch (code) {
    case codes.realmNotSupported: {
      // Only two realms exist, so the one refused names the one the user has.
      const has = realmWords(otherRealm(context.realm));
      return new BindError(
        'auth-scheme',
        `${call}: ${user} signs in with ${has}, not with ${realmWords(context.realm)}${detail}.`,
        `Type the password of that type for ${user}. If discovery offered the wrong type, ` +
          "check the user's authentication profile in the Administration Console.",
        {setting: 'password'},
      );
    }
    case codes.twoStepEnabled:
      return new BindError(
        'auth-scheme',
        `${call}: ${user} has 2-step authentication on, and a binding user must not use it` +
          `${detail}.`,
        "Turn 2-step authentication off in the authentication profile of the bind user's " +
          'group (Administration Console | Services | Applications), or bind with a ' +
          'dedicated service user whose profile has it off.',
        {setting: 'email'},
      );
    case codes.userLocked:
      return new BindError(
        'account-state',
        `${call}: the Mimecast user ${user} is locked${detail}.`,
        'Ask a Mimecast administrator to unlock the user in the Administration Console ' +
          '(Directories | Internal Directories), then bind again.',
        {setting: 'email'},
      );
    case codes.userDisabled:
      return new BindError(
        'account-state',
        `${call}: the Mimecast user ${user} is disabled${detail}.`,
        'Enable the user in the Administration Console, or bind with another administrator.',
        {setting: 'email'},
      );
    case codes.bindingLimit:
      return new BindError(
        'account-state',
        `${call}: ${user} already holds as many bindings as Mimecast allows one user, and ` +
          `Mimecast locked the user out${detail}.`,
        'Have a Mimecast administrator unlock the user, log out bindings that are no longer ' +
          'used (mse-bind unbind on sites that are gone), and bind with a dedicated service ' +
          'user. A re-bind of a saved site refreshes its binding instead of adding one.',
        {setting: 'email'},
      );
    default:
      return null;
  }
}
