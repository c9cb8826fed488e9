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
  /** The version the rootDSE gives, if any (AD: the DC functional level). */
  readonly version?: string;
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

/** The simple paged results control (RFC 2696), listed in supportedControl when offered. */
export const pagedResultsControl = '1.2.840.113556.1.4.319';

/** msDS-Behavior-Version values as AD's rootDSE gives them in domainControllerFunctionality. */
const functionalLevels: Readonly<Record<string, string>> = {
  '0': '2000',
  '1': '2003 interim',
  '2': '2003',
  '3': '2008',
  '4': '2008 R2',
  '5': '2012',
  '6': '2012 R2',
  '7': '2016',
  '10': '2025',
};

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

/**
 * The base DN to search when none is set: AD's default context, else the first context. Domino
 * may list no context at all; its directory is then searched from the root (the empty DN).
 */
export function baseDnFrom(
  rootDse: RootDse,
  dialect?: DirectoryType | undefined,
): string | undefined {
  const candidate = rootDse.defaultNamingContext ?? rootDse.namingContexts[0];
  if (candidate !== undefined && candidate !== '') return candidate;
  return dialect === 'domino' ? '' : undefined;
}

export function offersPaging(rootDse: RootDse): boolean {
  return rootDse.supportedControls.includes(pagedResultsControl);
}

export function serverKindOf(rootDse: RootDse): ServerKind {
  const vendor = rootDse.vendorName ?? '';
  const vendorVersion = rootDse.vendorVersion?.trim() || undefined;
  const withVersion = (kind: ServerKind, version: string | undefined): ServerKind =>
    version === undefined ? kind : {...kind, version};
  if (
    rootDse.supportedCapabilities.includes(activeDirectoryCapability) ||
    rootDse.domainControllerFunctionality !== undefined
  ) {
    // Samba names itself in vendorName; Windows DCs leave it out.
    const name = /samba/i.test(vendor) ? 'Active Directory (Samba)' : 'Active Directory';
    return withVersion({name, dialect: 'active-directory'}, functionalLevel(rootDse));
  }
  if (rootDse.dominoMajMinVersion !== undefined || /domino|lotus/i.test(vendor)) {
    const release = dominoRelease(rootDse.dominoMajMinVersion) ?? vendorVersion;
    return withVersion({name: 'HCL Domino', dialect: 'domino'}, release);
  }
  if (
    rootDse.objectClasses.some((name) => name.toLowerCase() === 'openldaprootdse') ||
    /openldap/i.test(vendor)
  ) {
    return withVersion({name: 'OpenLDAP', dialect: 'ldap'}, vendorVersion);
  }
  if (vendor !== '') return withVersion({name: vendor, dialect: undefined}, vendorVersion);
  return {name: 'LDAP server', dialect: undefined};
}

function functionalLevel(rootDse: RootDse): string | undefined {
  const level = rootDse.domainControllerFunctionality?.trim();
  if (level === undefined || level === '') return undefined;
  return `DC functional level ${functionalLevels[level] ?? level}`;
}

/**
 * Unverified: dominoMajMinVersion is said to pack the release into digits, but no sample shows
 * how, so the value is shown as given.
 */
function dominoRelease(value: string | undefined): string | undefined {
  const packed = value?.trim();
  return packed === undefined || packed === '' ? undefined : `version ${packed}`;
}
