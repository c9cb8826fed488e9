import ldap, {type LdapControl} from 'ldapjs';

/** The simple paged results control (RFC 2696). */
export const pagedResultsOid = '1.2.840.113556.1.4.319';

/** True when the request carries the paged results control. */
export function asksForPages(controls: readonly LdapControl[]): boolean {
  return controls.some((control) => control.type === pagedResultsOid);
}

/**
 * The page a paged search asks for, and the control that goes with the answer: a cookie while
 * entries remain, an empty one with the last page. The cookie is the offset of the next page.
 * Without the control, every entry in one answer (the control is not critical: RFC 2696 lets a
 * server ignore it).
 */
export function pageOf<T>(
  entries: readonly T[],
  controls: readonly LdapControl[],
): {readonly entries: readonly T[]; readonly control?: LdapControl} {
  const paged = controls.find((control) => control.type === pagedResultsOid);
  if (paged === undefined) return {entries};
  const {size, cookie} = paged.value as {size: number; cookie: Buffer};
  const offset = cookie.length === 0 ? 0 : Number(cookie.toString('utf8')) || 0;
  const end = size > 0 ? offset + size : entries.length;
  const next = end < entries.length ? String(end) : '';
  return {
    entries: entries.slice(offset, end),
    control: new ldap.PagedResultsControl({
      value: {size: entries.length, cookie: Buffer.from(next)},
    }),
  };
}
