import type {RootDse} from './root-dse.js';

/*
 * Just enough DN handling to place a base DN in the directory: RDNs split at unescaped commas,
 * compared without case or the blanks around ',' and '='. Limitation: a DN written with hex
 * escapes or quotes compares unequal to the same DN written plainly, which costs a comparison,
 * never a wrong answer.
 */

function rdns(dn: string): string[] {
  return dn
    .split(/(?<!\\),/)
    .map((rdn) => rdn.trim())
    .filter((rdn) => rdn !== '');
}

function comparable(rdn: string): string {
  return rdn.replace(/\s*=\s*/, '=').toLowerCase();
}

/** True when `dn` lies strictly below `ancestor`. */
export function isBelow(dn: string, ancestor: string): boolean {
  const below = rdns(dn).map(comparable);
  const above = rdns(ancestor).map(comparable);
  if (above.length === 0 || below.length <= above.length) return false;
  return above.every((rdn, index) => rdn === below[below.length - above.length + index]);
}

/** The DN one level up, or '' for a DN of one RDN. */
export function parentDn(dn: string): string {
  return rdns(dn).slice(1).join(',');
}

/**
 * The part of the directory that holds `baseDn`, strictly above it: the deepest naming context
 * the rootDSE names above it, else its trailing domain components (dc=corp,dc=example, where AD
 * and most LDAP directories root their users). Undefined when there is nothing above it.
 */
export function enclosingScope(baseDn: string, rootDse: RootDse | undefined): string | undefined {
  const named = [rootDse?.defaultNamingContext, ...(rootDse?.namingContexts ?? [])]
    .filter((context): context is string => context !== undefined && isBelow(baseDn, context))
    .sort((a, b) => rdns(b).length - rdns(a).length)[0];
  if (named !== undefined) return named;

  const all = rdns(baseDn);
  let start = all.length;
  while (start > 0 && /^dc\s*=/i.test(all[start - 1] ?? '')) start -= 1;
  const domain = all.slice(start).join(',');
  return domain !== '' && isBelow(baseDn, domain) ? domain : undefined;
}
