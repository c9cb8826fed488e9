import {demoFixture} from '../demo-fixture.js';

/** One directory entry: a DN and its attributes (names as written, values as strings). */
export type TreeEntry = {
  readonly dn: string;
  readonly attributes: Readonly<Record<string, string | readonly string[]>>;
};

/**
 * The demo directory: the base entry, `ou=people` with the fixture's users (inetOrgPerson with
 * mail) and `ou=services` with the service account. Passwords are kept apart, by the server.
 */
export function demoTree(): TreeEntry[] {
  const {baseDn, bindName, users} = demoFixture.directory;
  return [
    {
      dn: baseDn,
      attributes: {objectClass: ['top', 'dcObject', 'organization'], o: demoFixture.siteName},
    },
    {dn: `ou=people,${baseDn}`, attributes: {objectClass: ['top', 'organizationalUnit']}},
    {dn: `ou=services,${baseDn}`, attributes: {objectClass: ['top', 'organizationalUnit']}},
    {
      dn: bindName,
      attributes: {objectClass: ['top', 'organizationalRole', 'simpleSecurityObject']},
    },
    ...users.map((user) => ({
      dn: `uid=${user.uid},ou=people,${baseDn}`,
      attributes: {
        objectClass: ['top', 'person', 'organizationalPerson', 'inetOrgPerson'],
        uid: user.uid,
        cn: user.cn,
        sn: user.cn.split(' ').at(-1) ?? user.cn,
        mail: user.mail,
      },
    })),
  ];
}

/** The Domino organisation of the demo: Notes hierarchical names end in `O=Contoso`. */
export const dominoOrganization = 'O=Contoso';

/** The service account of the Domino-shaped demo directory, as an LDAP DN. */
export const dominoServiceAccount = `CN=svc-mse,${dominoOrganization}`;

/**
 * The demo directory as HCL Domino's LDAP task shows it: Notes hierarchical names
 * (CN=...,O=Org) with no organisational units, people as dominoPerson. Inferred: the object
 * classes follow Domino's LDAP schema as described (dominoPerson extends inetOrgPerson), not
 * checked against a Domino server.
 */
export function dominoTree(): TreeEntry[] {
  const person = ['top', 'person', 'organizationalPerson', 'inetOrgPerson', 'dominoPerson'];
  return [
    {dn: dominoOrganization, attributes: {objectClass: ['top', 'organization'], o: 'Contoso'}},
    // A person without mail: it binds, and is not counted.
    {dn: dominoServiceAccount, attributes: {objectClass: person, cn: 'svc-mse', sn: 'svc-mse'}},
    ...demoFixture.directory.users.map((user) => ({
      dn: `CN=${user.cn},${dominoOrganization}`,
      attributes: {
        objectClass: person,
        uid: user.uid,
        cn: user.cn,
        sn: user.cn.split(' ').at(-1) ?? user.cn,
        mail: user.mail,
      },
    })),
  ];
}

/**
 * A DN in one comparable form: lower-case, no blanks around separators.
 * Limitation: escaped commas and multi-valued RDNs are not normalised; the demo has none.
 */
export function normalizeDn(dn: string): string {
  return dn
    .split(',')
    .map((rdn) =>
      rdn
        .trim()
        .replace(/\s*=\s*/, '=')
        .toLowerCase(),
    )
    .filter((rdn) => rdn !== '')
    .join(',');
}

export type SearchScope = 'base' | 'single' | 'subtree';

/** Whether `dn` lies within `scope` of `base` (both normalised). */
export function inScope(dn: string, base: string, scope: SearchScope): boolean {
  if (scope === 'base') return dn === base;
  const parent = dn.slice(dn.indexOf(',') + 1);
  if (scope === 'single') return dn !== base && dn.includes(',') && parent === base;
  return dn === base || base === '' || dn.endsWith(`,${base}`);
}

/**
 * The attributes a search asked for (RFC 4511 4.5.1.8): none listed or `*` means all user
 * attributes, `1.1` means none; names match case-insensitively. Passwords never leave.
 */
export function selectAttributes(
  attributes: TreeEntry['attributes'],
  requested: readonly string[],
): Record<string, string | string[]> {
  const wanted = requested.map((name) => name.toLowerCase());
  const all = wanted.length === 0 || wanted.includes('*');
  const selected: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(attributes)) {
    if (name.toLowerCase() === 'userpassword') continue;
    if (all || wanted.includes(name.toLowerCase())) {
      selected[name] = typeof value === 'string' ? value : [...value];
    }
  }
  return selected;
}
