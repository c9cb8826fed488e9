import {BindError} from '../bind/errors.js';
import type {MimecastBinding} from '../bind/mimecast/types.js';
import type {NetworkSettings} from '../bind/settings.js';

/*
 * A binding that a bind created at Mimecast but neither saved nor logged out again: Mimecast
 * still counts it against the user's binding cap. The next bind of the same user, application
 * and region refreshes it (login with its access key) instead of minting another, so retrying
 * a bind that fails after its login cannot pile bindings up until the user is locked out.
 */

export const pendingRecordSchemaVersion = 1;

export type PendingBinding = {
  /** The regional API base URL the binding was created at. */
  readonly regionApi: string;
  /** Its access key and secret key, application id and user. */
  readonly binding: MimecastBinding;
  /** The application key that bind was given: the logout is signed with it. */
  readonly appKey: string;
  /** The CA file and proxy that bind used, for the logout. */
  readonly network: NetworkSettings;
};

/** What one state directory remembers: one binding per user, application and region. */
export type PendingRecord = {
  readonly schemaVersion: typeof pendingRecordSchemaVersion;
  readonly bindings: readonly PendingBinding[];
};

/** Whose binding it is: a login may refresh only a binding of the same user, app and region. */
export type BindingIdentity = {
  readonly email: string;
  readonly appId: string;
  readonly regionApi: string;
};

export function identityOf(pending: PendingBinding): BindingIdentity {
  return {
    email: pending.binding.boundBy,
    appId: pending.binding.appId,
    regionApi: pending.regionApi,
  };
}

export function sameIdentity(a: BindingIdentity, b: BindingIdentity): boolean {
  return (
    a.email.toLowerCase() === b.email.toLowerCase() &&
    a.appId === b.appId &&
    a.regionApi === b.regionApi
  );
}

/** The fix for a pending record that cannot be read: it holds nothing the site needs. */
export function pendingDamageFix(path: string): string {
  return (
    `Delete ${path} (or run \`mse-bind unbind\`): it only names a binding a failed bind left ` +
    'at Mimecast, which then stays there until its TTL ends. Then bind again.'
  );
}

function isString(value: unknown): value is string {
  return typeof value === 'string';
}

function isPendingBinding(value: unknown): value is PendingBinding {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  const binding = entry.binding as Record<string, unknown> | null | undefined;
  const network = entry.network as Record<string, unknown> | null | undefined;
  if (typeof binding !== 'object' || binding === null) return false;
  if (typeof network !== 'object' || network === null) return false;
  const texts = [
    entry.regionApi,
    entry.appKey,
    binding.appId,
    binding.accessKey,
    binding.secretKey,
    binding.boundBy,
    binding.boundAt,
    network.caFile,
  ];
  const expiry = binding.expiresAt === null || isString(binding.expiresAt);
  const proxy = network.proxyUrl === undefined || isString(network.proxyUrl);
  return texts.every(isString) && expiry && proxy;
}

/** The decrypted pending record, checked field by field; messages never quote a value. */
export function parsePendingRecord(text: string, path: string): PendingRecord {
  const invalid = (what: string) =>
    new BindError('storage', `The pending binding record ${path} ${what}.`, pendingDamageFix(path));
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw invalid('does not hold JSON');
  }
  const record = (parsed ?? {}) as Record<string, unknown>;
  if (record.schemaVersion !== pendingRecordSchemaVersion) {
    throw invalid(`has a schema version this mse-bind does not read`);
  }
  const {bindings} = record;
  if (!Array.isArray(bindings) || !bindings.every(isPendingBinding)) {
    throw invalid('holds an invalid binding');
  }
  return {schemaVersion: pendingRecordSchemaVersion, bindings};
}
