import {DamagedBindingError, removeDamagedBinding} from './damaged-binding.js';
import type {
  DirectoryTlsMode,
  DirectoryType,
  ExchangeAccessMode,
  ExchangeAuthScheme,
} from '../bind/settings.js';
import {
  bindingRecordSchemaVersion,
  type BindingRecord,
  type EngineState,
} from './binding-record.js';

type FieldKind = 'string' | 'number' | 'string-or-null' | readonly string[];

const directoryTypes: readonly DirectoryType[] = ['active-directory', 'ldap', 'domino'];
const tlsModes: readonly DirectoryTlsMode[] = ['none', 'ldaps', 'starttls'];
const authSchemes: readonly ExchangeAuthScheme[] = ['basic', 'ntlm', 'auto', 'oauth'];
const accessModes: readonly ExchangeAccessMode[] = ['own', 'delegate', 'impersonation'];
const engineStates: readonly EngineState[] = ['running', 'paused'];

/** Every field the program relies on; extra fields are left alone. */
const requiredFields: ReadonlyArray<readonly [string, FieldKind]> = [
  ['settings.siteName', 'string'],
  ['settings.mimecast.discoveryUrl', 'string'],
  ['settings.mimecast.appId', 'string'],
  ['settings.directory.type', directoryTypes],
  ['settings.directory.host', 'string'],
  ['settings.directory.port', 'number'],
  ['settings.directory.tlsMode', tlsModes],
  ['settings.directory.baseDn', 'string'],
  ['settings.directory.bindName', 'string'],
  ['settings.exchange.ewsUrl', 'string'],
  ['settings.exchange.authScheme', authSchemes],
  ['settings.exchange.user', 'string'],
  ['settings.exchange.accessMode', accessModes],
  ['settings.exchange.mailbox', 'string'],
  ['settings.network.caFile', 'string'],
  ['secrets.appKey', 'string'],
  ['secrets.directoryPassword', 'string'],
  ['secrets.exchangePassword', 'string'],
  ['account.code', 'string'],
  ['account.name', 'string'],
  ['account.regionApi', 'string'],
  ['binding.appId', 'string'],
  ['binding.accessKey', 'string'],
  ['binding.secretKey', 'string'],
  ['binding.boundBy', 'string'],
  ['binding.boundAt', 'string'],
  ['binding.expiresAt', 'string-or-null'],
  ['engine.state', engineStates],
];

function valueAt(root: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((node, part) => {
    if (typeof node !== 'object' || node === null) return undefined;
    return (node as Record<string, unknown>)[part];
  }, root);
}

function fits(value: unknown, kind: FieldKind): boolean {
  if (kind === 'string') return typeof value === 'string';
  if (kind === 'number') return typeof value === 'number' && Number.isFinite(value);
  if (kind === 'string-or-null') return value === null || typeof value === 'string';
  return typeof value === 'string' && kind.includes(value);
}

function describe(kind: FieldKind): string {
  if (typeof kind !== 'string') return `one of ${kind.join(', ')}`;
  return kind === 'string-or-null' ? 'a string or null' : `a ${kind}`;
}

const startOver = `Restore the file from a backup, or ${removeDamagedBinding}.`;

/**
 * Turns the decrypted text back into a binding record, checking its schema version and the
 * type of every field the program uses. Messages name fields, never their values (most of
 * them are secrets).
 */
export function parseBindingRecord(text: string, path: string): BindingRecord {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new DamagedBindingError(`The binding file ${path} does not hold JSON.`, startOver, {
      cause: error instanceof Error ? new Error(error.name) : undefined,
    });
  }

  const version = valueAt(parsed, 'schemaVersion');
  if (version !== bindingRecordSchemaVersion) {
    const which = typeof version === 'number' ? `schema version ${version}` : 'no schema version';
    throw new DamagedBindingError(
      `The binding file ${path} has ${which}; this mse-bind reads schema version ` +
        `${bindingRecordSchemaVersion}.`,
      `Use the mse-bind version that wrote it, or ${removeDamagedBinding}.`,
    );
  }

  for (const [field, kind] of requiredFields) {
    if (!fits(valueAt(parsed, field), kind)) {
      throw new DamagedBindingError(
        `The binding file ${path} holds an invalid binding: ${field} is missing or not ` +
          `${describe(kind)}.`,
        startOver,
      );
    }
  }

  return parsed as BindingRecord;
}
