import type {
  DirectoryTlsMode,
  DirectoryType,
  ExchangeAccessMode,
  ExchangeAuthScheme,
  SiteSecrets,
  SiteSettings,
} from './settings.js';
import {hasControlCharacter} from './control-characters.js';
import {defaultDirectoryPorts, defaultEntraAuthority} from './settings.js';
import {BindError} from './errors.js';
import {parseProxySetting} from './http/proxy-choice.js';
import {parsePort} from './directory/port-number.js';
import {directoryHostProblem} from './directory/host-name.js';
import {directoryTypeDefaults} from './directory/type-defaults.js';
import {maxLengthOf} from './field-limits.js';
import {parseAuthorityUrl} from './exchange/authority-url.js';
import {autodiscoverAddressOf} from './exchange/autodiscover/address.js';
import {parseEwsUrl} from './exchange/ews-url.js';
import {parseDiscoveryUrl} from './mimecast/discovery-url.js';

/** The site-settings form: one entry per field, in screen order. */
export type TextFieldId =
  | 'siteName'
  | 'discoveryUrl'
  | 'appId'
  | 'appKey'
  | 'directoryHost'
  | 'directoryPort'
  | 'baseDn'
  | 'bindName'
  | 'directoryPassword'
  | 'ewsUrl'
  | 'exchangeUser'
  | 'exchangePassword'
  | 'mailbox'
  | 'exchangeTenant'
  | 'exchangeClientId'
  | 'exchangeClientSecret'
  | 'exchangeAuthority'
  | 'caFile'
  | 'proxyUrl';

export type ChoiceFieldId = 'directoryType' | 'tlsMode' | 'authScheme' | 'accessMode';
export type FormFieldId = TextFieldId | ChoiceFieldId;

export type ChoiceOption = {readonly value: string; readonly label: string};

export type FormField =
  | {
      readonly kind: 'text';
      readonly id: TextFieldId;
      readonly label: string;
      readonly secret: boolean;
      readonly optional: boolean;
    }
  | {
      readonly kind: 'choice';
      readonly id: ChoiceFieldId;
      readonly label: string;
      readonly options: readonly ChoiceOption[];
    };

const text = (id: TextFieldId, label: string, flags: {secret?: boolean; optional?: boolean} = {}) =>
  ({
    kind: 'text',
    id,
    label,
    secret: flags.secret ?? false,
    optional: flags.optional ?? false,
  }) as const;

export const directoryTypeOptions: readonly ChoiceOption[] = [
  {value: 'active-directory', label: 'Active Directory'},
  {value: 'ldap', label: 'LDAP (OpenLDAP)'},
  {value: 'domino', label: 'HCL Domino LDAP'},
];
export const tlsModeOptions: readonly ChoiceOption[] = [
  {value: 'ldaps', label: 'LDAPS'},
  {value: 'starttls', label: 'StartTLS'},
  {value: 'none', label: 'None (plain LDAP)'},
];
export const authSchemeOptions: readonly ChoiceOption[] = [
  {value: 'basic', label: 'Basic'},
  {value: 'ntlm', label: 'NTLM'},
  {value: 'auto', label: 'Automatic (NTLM, else Basic)'},
  {value: 'oauth', label: 'OAuth (Exchange Online app)'},
];
export const accessModeOptions: readonly ChoiceOption[] = [
  {value: 'own', label: 'Own mailbox'},
  {value: 'delegate', label: 'Delegate (Full Access)'},
  {value: 'impersonation', label: 'Impersonation'},
];

export const formFields: readonly FormField[] = [
  text('siteName', 'Site name'),
  text('discoveryUrl', 'Mimecast discovery URL'),
  text('appId', 'Mimecast application id'),
  text('appKey', 'Mimecast application key', {secret: true}),
  {kind: 'choice', id: 'directoryType', label: 'Directory type', options: directoryTypeOptions},
  text('directoryHost', 'Directory server'),
  {kind: 'choice', id: 'tlsMode', label: 'Directory TLS', options: tlsModeOptions},
  text('directoryPort', 'Directory port'),
  text('baseDn', 'Base DN', {optional: true}),
  text('bindName', 'Directory service account'),
  text('directoryPassword', 'Directory password', {secret: true}),
  // Empty: Autodiscover finds it from the mailbox (or the service account's address).
  text('ewsUrl', 'Exchange EWS URL', {optional: true}),
  {kind: 'choice', id: 'authScheme', label: 'Exchange auth scheme', options: authSchemeOptions},
  text('exchangeUser', 'Exchange service account'),
  text('exchangePassword', 'Exchange password', {secret: true}),
  {kind: 'choice', id: 'accessMode', label: 'Exchange access', options: accessModeOptions},
  text('mailbox', 'Mailbox to probe', {optional: true}),
  // Required, but only with OAuth: fields that do not apply are neither shown nor checked.
  text('exchangeTenant', 'OAuth tenant'),
  text('exchangeClientId', 'OAuth client id'),
  text('exchangeClientSecret', 'OAuth client secret', {secret: true}),
  text('exchangeAuthority', 'OAuth authority URL', {optional: true}),
  text('caFile', 'CA file (PEM)', {optional: true}),
  text('proxyUrl', 'Proxy (http://host:port)', {optional: true}),
];

export type FormValues = Readonly<Record<FormFieldId, string>>;

export function formValuesFrom(settings: SiteSettings, secrets: SiteSecrets): FormValues {
  return {
    siteName: settings.siteName,
    discoveryUrl: settings.mimecast.discoveryUrl,
    appId: settings.mimecast.appId,
    appKey: secrets.appKey,
    directoryType: settings.directory.type,
    directoryHost: settings.directory.host,
    tlsMode: settings.directory.tlsMode,
    directoryPort: String(settings.directory.port),
    baseDn: settings.directory.baseDn,
    bindName: settings.directory.bindName,
    directoryPassword: secrets.directoryPassword,
    ewsUrl: settings.exchange.ewsUrl,
    authScheme: settings.exchange.authScheme,
    exchangeUser: settings.exchange.user,
    exchangePassword: secrets.exchangePassword,
    accessMode: settings.exchange.accessMode,
    mailbox: settings.exchange.mailbox,
    exchangeTenant: settings.exchange.tenant ?? '',
    exchangeClientId: settings.exchange.clientId ?? '',
    exchangeClientSecret: secrets.exchangeClientSecret ?? '',
    exchangeAuthority: settings.exchange.authorityUrl ?? defaultEntraAuthority,
    caFile: settings.network.caFile,
    proxyUrl: settings.network.proxyUrl ?? '',
  };
}

export function settingsFrom(values: FormValues): {settings: SiteSettings; secrets: SiteSecrets} {
  const trimmed = (id: FormFieldId) => values[id].trim();
  return {
    settings: {
      siteName: trimmed('siteName'),
      mimecast: {discoveryUrl: trimmed('discoveryUrl'), appId: trimmed('appId')},
      directory: {
        type: values.directoryType as DirectoryType,
        host: trimmed('directoryHost'),
        port: Number(trimmed('directoryPort')),
        tlsMode: values.tlsMode as DirectoryTlsMode,
        baseDn: trimmed('baseDn'),
        bindName: trimmed('bindName'),
      },
      exchange: {
        ewsUrl: trimmed('ewsUrl'),
        authScheme: values.authScheme as ExchangeAuthScheme,
        user: trimmed('exchangeUser'),
        accessMode: values.accessMode as ExchangeAccessMode,
        mailbox: trimmed('mailbox'),
        tenant: trimmed('exchangeTenant'),
        clientId: trimmed('exchangeClientId'),
        authorityUrl: trimmed('exchangeAuthority') || defaultEntraAuthority,
      },
      network: {caFile: trimmed('caFile'), proxyUrl: trimmed('proxyUrl')},
    },
    // Passwords are kept exactly as typed: a leading or trailing space can be part of one. The
    // application key and the client secret are generated without spaces, and arrive with
    // them when copied from a web console.
    secrets: {
      appKey: values.appKey.trim(),
      directoryPassword: values.directoryPassword,
      exchangePassword: values.exchangePassword,
      exchangeClientSecret: values.exchangeClientSecret.trim(),
    },
  };
}

export type FieldProblem = {readonly field: FormFieldId; readonly message: string};

/** `attr=value` pairs separated by commas; a value may hold escaped characters (`\,`). */
const distinguishedName =
  /^\s*[A-Za-z][\w.-]*\s*=(?:\\.|[^,\\])+(?:,\s*[A-Za-z][\w.-]*\s*=(?:\\.|[^,\\])+)*$/;

/** The first problem per field, in screen order; an empty list means the form can be used. */
export function validateForm(values: FormValues): FieldProblem[] {
  const problems: FieldProblem[] = [];
  for (const field of formFields) {
    if (field.kind !== 'text' || field.optional || !fieldApplies(field.id, values)) continue;
    const value = field.secret ? values[field.id] : values[field.id].trim();
    if (value === '') problems.push({field: field.id, message: `${field.label} is required.`});
  }
  const has = (id: FormFieldId) => problems.some((problem) => problem.field === id);

  // Checked before anything reads the value: a pasted megabyte is refused for its length, and
  // no later check (a pattern, a URL parser) spends time on it.
  for (const field of formFields) {
    if (field.kind !== 'text' || has(field.id) || !fieldApplies(field.id, values)) continue;
    const limit = maxLengthOf(field.id);
    if (values[field.id].length > limit) {
      problems.push({
        field: field.id,
        message: `${field.label} is longer than ${limit} characters; check what was pasted.`,
      });
    }
  }

  // Settings from a file or the command line reach the screen, `status` and service logs: a
  // control character there could clear a screen or forge a log line.
  for (const field of formFields) {
    if (field.kind !== 'text' || field.secret || has(field.id)) continue;
    if (hasControlCharacter(values[field.id])) {
      problems.push({field: field.id, message: `${field.label} contains a control character.`});
    }
  }

  const hostProblem = has('directoryHost')
    ? null
    : directoryHostProblem(values.directoryHost.trim());
  if (hostProblem !== null) problems.push({field: 'directoryHost', message: hostProblem});
  if (!has('directoryPort') && parsePort(values.directoryPort) === null) {
    problems.push({field: 'directoryPort', message: 'Directory port must be 1 to 65535.'});
  }
  const proxyProblem = has('proxyUrl')
    ? null
    : bindCheckProblem(() => parseProxySetting(values.proxyUrl));
  if (proxyProblem !== null) problems.push({field: 'proxyUrl', message: proxyProblem});
  // Step 1 refuses it too, but only after steps 3 and 4 have contacted the directory and
  // Exchange: checked here, a plain http:// URL stops the bind before any traffic.
  const discoveryProblem = has('discoveryUrl')
    ? null
    : bindCheckProblem(() => parseDiscoveryUrl(values.discoveryUrl));
  if (discoveryProblem !== null) problems.push({field: 'discoveryUrl', message: discoveryProblem});
  // Step 4 would send the password to it: http:// is refused here, before anything else runs.
  const ewsUrlProblem =
    has('ewsUrl') || values.ewsUrl.trim() === ''
      ? null
      : bindCheckProblem(() => parseEwsUrl(values.ewsUrl));
  if (ewsUrlProblem !== null) problems.push({field: 'ewsUrl', message: ewsUrlProblem});
  const baseDn = values.baseDn.trim();
  if (!has('baseDn') && baseDn !== '' && !distinguishedName.test(baseDn)) {
    problems.push({
      field: 'baseDn',
      message: 'Base DN must be a DN such as dc=example,dc=com, or empty to ask the server.',
    });
  }
  if (values.accessMode !== 'own' && values.mailbox.trim() === '') {
    problems.push({field: 'mailbox', message: 'Delegate and impersonation need a mailbox.'});
  }
  problems.push(...exchangeProblems(values, has));
  const order = formFields.map((field) => field.id);
  // The sort keeps each field's problems in the order found, so the first one is kept.
  const sorted = problems.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field));
  return sorted.filter((problem, index) => sorted[index - 1]?.field !== problem.field);
}

/** A check the bind makes, made while the form is still open: its message, or null. */
function bindCheckProblem(check: () => unknown): string | null {
  try {
    check();
    return null;
  } catch (error) {
    if (error instanceof BindError) return error.message;
    throw error;
  }
}

/** What Autodiscover and OAuth need that the per-field checks cannot see. */
function exchangeProblems(values: FormValues, has: (id: FormFieldId) => boolean): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const blank = (id: FormFieldId) => values[id].trim() === '';
  if (values.authScheme === 'oauth') {
    if (values.accessMode !== 'impersonation') {
      problems.push({field: 'accessMode', message: 'OAuth (app-only) needs impersonation.'});
    }
    // The client secret goes to it: http:// is refused as the token request would refuse it.
    const authorityProblem =
      blank('exchangeAuthority') || has('exchangeAuthority')
        ? null
        : bindCheckProblem(() => parseAuthorityUrl(values.exchangeAuthority));
    if (authorityProblem !== null) {
      problems.push({field: 'exchangeAuthority', message: authorityProblem});
    }
    return problems;
  }
  // The probe asks Autodiscover with the same check: what passes here, Autodiscover can use.
  const autodiscover = blank('ewsUrl')
    ? autodiscoverAddressOf(values.mailbox.trim(), values.exchangeUser.trim())
    : null;
  if (autodiscover?.kind === 'problem') {
    problems.push({
      field: autodiscover.setting,
      message: `${autodiscover.message} ${autodiscover.fix}`,
    });
  }
  return problems;
}

const oauthOnly: readonly FormFieldId[] = [
  'exchangeTenant',
  'exchangeClientId',
  'exchangeClientSecret',
  'exchangeAuthority',
];
const notWithOauth: readonly FormFieldId[] = ['exchangeUser', 'exchangePassword'];

/** Whether a field means anything for the values chosen so far (OAuth's fields, say). */
export function fieldApplies(id: FormFieldId, values: FormValues): boolean {
  const oauth = values.authScheme === 'oauth';
  if (oauthOnly.includes(id)) return oauth;
  if (notWithOauth.includes(id)) return !oauth;
  return true;
}

/** The hint an empty text field shows: optional, or needed by the choices made. */
export function placeholderOf(
  id: FormFieldId,
  values: Pick<FormValues, 'accessMode'>,
): string | undefined {
  const field = formFields.find((candidate) => candidate.id === id);
  if (field?.kind !== 'text' || !field.optional) return undefined;
  // Delegate and impersonation open another mailbox, so they need its address.
  if (id === 'mailbox' && values.accessMode !== 'own') return '(required for this access)';
  return '(optional)';
}

export function labelOf(id: FormFieldId): string {
  return formFields.find((field) => field.id === id)?.label ?? id;
}

/** Changing the TLS mode moves the port along when it still holds the other mode's default. */
export function portAfterTlsChange(port: string, from: string, to: string): string {
  const previousDefault = String(defaultDirectoryPorts[from as DirectoryTlsMode]);
  return port.trim() === previousDefault || port.trim() === ''
    ? String(defaultDirectoryPorts[to as DirectoryTlsMode])
    : port;
}

/**
 * Choosing another directory type brings that type's TLS mode, and the port with it, unless
 * the administrator chose their own: a TLS mode other than the previous type's default stays,
 * and so does a port other than the default of the TLS mode it was set for.
 */
export function directoryAfterTypeChange(
  current: {readonly tlsMode: string; readonly port: string},
  from: string,
  to: string,
): {tlsMode: string; port: string} {
  const previous = directoryTypeDefaults(from as DirectoryType);
  const tlsMode =
    current.tlsMode === previous.tlsMode
      ? directoryTypeDefaults(to as DirectoryType).tlsMode
      : current.tlsMode;
  return {tlsMode, port: portAfterTlsChange(current.port, current.tlsMode, tlsMode)};
}
