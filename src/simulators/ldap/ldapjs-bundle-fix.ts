import ldap from 'ldapjs';

/**
 * ldapjs' server does `req.name = DN.fromString(req.name)` on every bind request, but `name` is
 * a getter-only accessor of @ldapjs/messages' BindRequest. In sloppy CommonJS (ldapjs loaded by
 * Node or tsx) the assignment is silently ignored; inside an esbuild ESM bundle all code is
 * strict, the assignment throws, and every bind is answered invalidDNSyntax (34). A setter that
 * ignores the value restores the sloppy-mode behaviour in both cases.
 */
export function allowBindNameAssignment(): void {
  const prototype = ldap.BindRequest.prototype;
  const descriptor = Object.getOwnPropertyDescriptor(prototype, 'name');
  if (descriptor?.get === undefined || descriptor.set !== undefined) return;
  Object.defineProperty(prototype, 'name', {...descriptor, set: () => undefined});
}
