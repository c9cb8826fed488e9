/**
 * Administrator roles as the simulator models them: a role is a predefined name, or a custom
 * role with its own list of permissions written `Area | Section: Read` / `: Edit`, as the
 * Administration Console's role editor groups them.
 */
export type SimRole = string | {readonly name: string; readonly permissions: readonly string[]};

/**
 * What the bind user needs [C: MSE site binding requirements]: Basic Administrator, or a
 * custom role with Account | Dashboard and Services | Exchange Services, both read and edit.
 */
export const bindPermissions: readonly string[] = [
  'Account | Dashboard: Read',
  'Account | Dashboard: Edit',
  'Services | Exchange Services: Read',
  'Services | Exchange Services: Edit',
];

/** The predefined roles the simulator knows; any other name grants nothing. */
const predefinedRoles: Readonly<Record<string, readonly string[]>> = {
  'Basic Administrator': bindPermissions,
  // The engine's own role since version 4 [C]; that it grants what a bind checks is [I].
  'Synchronization Engine Administrator': bindPermissions,
  'Basic Read Only': ['Account | Dashboard: Read', 'Services | Exchange Services: Read'],
};

function permissionsOf(role: SimRole): readonly string[] {
  return typeof role === 'string' ? (predefinedRoles[role] ?? []) : role.permissions;
}

/** The permissions of `needed` that none of the roles grants, in the order given. */
export function missingPermissions(roles: readonly SimRole[], needed: readonly string[]): string[] {
  const granted = new Set(roles.flatMap(permissionsOf));
  return needed.filter((permission) => !granted.has(permission));
}
