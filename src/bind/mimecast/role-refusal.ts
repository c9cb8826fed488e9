import {BindError} from '../errors.js';
import {describeCall, type CallContext} from './call-context.js';
import {bindRolePermissions, callPermissions, type RolePermission} from './inferred-behaviour.js';

/** e.g. "Account | Dashboard read", "Services | Exchange Services read and edit". */
function permissionWords(permission: RolePermission): string {
  return `${permission.area} ${permission.access.join(' and ')}`;
}

function listWords(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? '';
  return `${items.slice(0, -1).join(', ')} and ${items.at(-1)}`;
}

/** The bind role's permissions that `own` does not already name. */
function beyond(own: readonly RolePermission[]): RolePermission[] {
  return bindRolePermissions.flatMap((needed) => {
    const granted = own.filter((p) => p.area === needed.area).flatMap((p) => p.access);
    const access = needed.access.filter((kind) => !granted.includes(kind));
    return access.length === 0 ? [] : [{area: needed.area, access}];
  });
}

/** e.g. "Account | Dashboard (read and edit) and Services | Exchange Services (read and edit)". */
function roleWords(): string {
  return listWords(bindRolePermissions.map((p) => `${p.area} (${p.access.join(' and ')})`));
}

/**
 * A 403: signed in, but the role does not allow the call. The message names what the refused
 * call needs from the client's own table (inferred-behaviour.ts), not from the server's text,
 * which may or may not name it [U]; that text is passed on as well when there is one. The fix
 * lists the whole role a binding needs [C: the engine's binding requirements].
 */
export function roleRefusal(context: CallContext, detail: string): BindError {
  const user = context.email ?? 'the bound user';
  const call = describeCall(context);
  const needs = callPermissions[context.step];
  const own = needs.own.map(permissionWords);
  const rest = needs.bindRole ? beyond(needs.own).map(permissionWords) : [];

  let why = 'lacks a permission the bind needs';
  if (own.length > 0) {
    why =
      `lacks a permission the bind needs: the ${context.step} call needs ${listWords(own)}` +
      (rest.length > 0
        ? `, and Mimecast checks the rest of a binding's role on it too (${listWords(rest)})`
        : '');
  }
  return new BindError(
    'permission',
    `${call}: ${user} signed in, but ${why}${detail}.`,
    `In the Administration Console, give ${user} the Basic Administrator role, or a custom ` +
      `role with ${roleWords()}, then bind again.`,
    {setting: 'email'},
  );
}
