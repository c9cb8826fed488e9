import {BindError, type ErrorClass} from '../errors.js';

/** Entra ID's error answer from its token endpoint (OAuth 2.0 error plus AADSTS codes). */
export type EntraErrorAnswer = {
  readonly status: number;
  readonly error: string;
  /** The AADSTS number, e.g. 7000215; null when the answer names none. */
  readonly code: number | null;
};

export type EntraApp = {readonly tenant: string; readonly clientId: string};

type Rule = {
  readonly errorClass: ErrorClass;
  readonly setting: string;
  readonly message: (app: EntraApp) => string;
  readonly fix: string;
};

const rules: Readonly<Record<number, Rule>> = {
  7000215: {
    errorClass: 'credentials',
    setting: 'exchangeClientSecret',
    message: (app) => `Entra ID rejected the client secret of app ${app.clientId}.`,
    fix:
      "Enter the secret's Value (not its Secret ID) from the app registration's Certificates " +
      '& secrets page; create a new secret if the value is lost.',
  },
  7000222: {
    errorClass: 'account-state',
    setting: 'exchangeClientSecret',
    message: (app) => `The client secret of app ${app.clientId} has expired.`,
    fix: "Create a new client secret on the app registration's Certificates & secrets page.",
  },
  700016: {
    errorClass: 'not-found',
    setting: 'exchangeClientId',
    message: (app) => `Tenant ${app.tenant} has no app with the client id ${app.clientId}.`,
    fix:
      "Copy the Application (client) ID from the app registration's overview, and check that " +
      'the app was registered (or consented) in this tenant.',
  },
  90002: {
    errorClass: 'not-found',
    setting: 'exchangeTenant',
    message: (app) => `Entra ID knows no tenant ${app.tenant}.`,
    fix: 'Enter the Directory (tenant) ID or a verified domain of the tenant.',
  },
  1002012: {
    errorClass: 'input',
    setting: 'exchangeAuthority',
    message: () =>
      'Entra ID refused the scope https://outlook.office365.com/.default for a client ' +
      'credentials request.',
    fix: 'Check that the authority URL points at Entra ID (https://login.microsoftonline.com).',
  },
};

/** One failure per AADSTS code the bind can meet; anything else keeps its code and class. */
export function classifyEntraError(app: EntraApp, answer: EntraErrorAnswer): BindError {
  const rule = answer.code === null ? undefined : rules[answer.code];
  const code = answer.code === null ? answer.error || `HTTP ${answer.status}` : answer.code;
  if (rule !== undefined) {
    return new BindError(
      rule.errorClass,
      `${rule.message(app).replace(/\.$/, '')} (AADSTS${code}).`,
      rule.fix,
      {
        setting: rule.setting,
      },
    );
  }
  const refusedClient = answer.status === 401 || answer.error === 'invalid_client';
  return new BindError(
    refusedClient ? 'credentials' : 'server',
    `Entra ID refused a token for app ${app.clientId} in tenant ${app.tenant} (` +
      `${typeof code === 'number' ? `AADSTS${code}` : code}).`,
    'Check the tenant, the client id and the client secret of the app registration.',
    {setting: refusedClient ? 'exchangeClientSecret' : 'exchangeTenant'},
  );
}
