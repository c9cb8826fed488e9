import {ResultCodeError, type Client, type Entry} from 'ldapts';

import type {DirectoryType} from '../settings.js';

/** What the rootDSE tells about the server; every field may be missing (servers differ). */
export type RootDse = {
  readonly namingContexts: readonly string[];
  readonly defaultNamingContext: string | undefined;
  readonly vendorName: string | undefined;
  readonly vendorVersion: string | undefined;
  readonly objectClasses: readonly string[];
  readonly supportedControls: readonly string[];
  readonly supportedCapabilities: readonly string[];
  readonly dominoMajMinVersion: string | undefined;
  readonly domainControllerFunctionality: string | undefined;
};

/** The server's product name and the dialect its search filter is written in. */
export type ServerKind = {
  readonly name: string;
  /** Undefined when the rootDSE does not give the product away. */
  readonly dialect: DirectoryType | undefined;
};

const rootDseAttributes = [
  'namingContexts',
  'defaultNamingContext',
  'vendorName',
  'vendorVersion',
  'objectClass',
  'supportedControl',
  'supportedCapabilities',
  'dominoMajMinVersion',
  'domainControllerFunctionality',
];

/** LDAP_CAP_ACTIVE_DIRECTORY_OID: listed in supportedCapabilities by AD DCs (and Samba). */
const activeDirectoryCapability = '1.2.840.113556.1.4.800';

export const emptyRootDse: RootDse = parseRootDse({dn: ''});

/** Reads the rootDSE (one base-scope search of the empty DN). */
export async function readRootDse(client: Client): Promise<RootDse> {
  const {searchEntries} = await client.search('', {
    scope: 'base',
    filter: '(objectClass=*)',
    attributes: rootDseAttributes,
    sizeLimit: 1,
  });
  return parseRootDse(searchEntries[0] ?? {dn: ''});
}

/**
 * The rootDSE, or an empty one when the server refuses to show it (a result code). Network and
 * TLS failures still propagate: nothing else would work either.
 */
export async function readRootDseIfShown(client: Client): Promise<RootDse> {
  try {
    return await readRootDse(client);
  } catch (error) {
    if (error instanceof ResultCodeError) return emptyRootDse;
    throw error;
  }
}

export function parseRootDse(entry: Entry): RootDse {
  const values = (name: string): string[] => {
    const key = Object.keys(entry).find((k) => k.toLowerCase() === name.toLowerCase());
    const value = key === undefined ? undefined : entry[key];
    if (value === undefined) return [];
    const list = Array.isArray(value) ? value : [value];
    return list.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : item));
  };
  const first = (name: string): string | undefined => values(name)[0];
  return {
    namingContexts: values('namingContexts'),
    defaultNamingContext: first('defaultNamingContext'),
    vendorName: first('vendorName'),
    vendorVersion: first('vendorVersion'),
    objectClasses: values('objectClass'),
    supportedControls: values('supportedControl'),
    supportedCapabilities: values('supportedCapabilities'),
    dominoMajMinVersion: first('dominoMajMinVersion'),
    domainControllerFunctionality: first('domainControllerFunctionality'),
  };
}

/** True when the rootDSE holds anything at all (some servers hide it from anonymous reads). */
export function hasContent(rootDse: RootDse): boolean {
  return Object.values(rootDse).some((value) =>
    Array.isArray(value) ? value.length > 0 : value !== undefined,
  );
}

/** The base DN to search when none is set: AD's default context, else the first context. */
export function baseDnFrom(rootDse: RootDse): string | undefined {
  const candidate = rootDse.defaultNamingContext ?? rootDse.namingContexts[0];
  return candidate === undefined || candidate === '' ? undefined : candidate;
}

export function serverKindOf(rootDse: RootDse): ServerKind {
  const vendor = rootDse.vendorName ?? '';
  if (
    rootDse.supportedCapabilities.includes(activeDirectoryCapability) ||
    rootDse.domainControllerFunctionality !== undefined
  ) {
    return {name: 'Active Directory', dialect: 'active-directory'};
  }
  if (rootDse.dominoMajMinVersion !== undefined || /domino|lotus/i.test(vendor)) {
    return {name: 'HCL Domino', dialect: 'domino'};
  }
  if (
    rootDse.objectClasses.some((name) => name.toLowerCase() === 'openldaprootdse') ||
    /openldap/i.test(vendor)
  ) {
    return {name: 'OpenLDAP', dialect: 'ldap'};
  }
  if (vendor !== '') {
    const version = rootDse.vendorVersion === undefined ? '' : ` ${rootDse.vendorVersion}`;
    return {name: `${vendor}${version}`, dialect: undefined};
  }
  return {name: 'LDAP server', dialect: undefined};
}
