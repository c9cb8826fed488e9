import {randomUUID} from 'node:crypto';

/** One Entra ID token error: the HTTP status, the OAuth error and the AADSTS text. */
export type EntraError = {
  readonly status: number;
  readonly error: string;
  readonly code: number;
  readonly description: string;
};

export const entraErrors = {
  invalidSecret: (clientId: string): EntraError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000215,
    description:
      'Invalid client secret provided. Ensure the secret being sent in the request is the ' +
      `client secret value, not the client secret ID, for a secret added to app '${clientId}'.`,
  }),
  expiredSecret: (clientId: string): EntraError => ({
    status: 401,
    error: 'invalid_client',
    code: 7000222,
    description: `The provided client secret keys for app '${clientId}' are expired.`,
  }),
  unknownApp: (clientId: string, tenant: string): EntraError => ({
    status: 400,
    error: 'unauthorized_client',
    code: 700016,
    description:
      `Application with identifier '${clientId}' was not found in the directory '${tenant}'. ` +
      'This can happen if the application has not been installed by the administrator of the ' +
      'tenant or consented to by any user in the tenant.',
  }),
  unknownTenant: (tenant: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 90002,
    description: `Tenant '${tenant}' not found. Check to make sure you have the correct tenant ID.`,
  }),
  badScope: (scope: string): EntraError => ({
    status: 400,
    error: 'invalid_scope',
    code: 1002012,
    description:
      `The provided value for scope ${scope} is not valid. Client credential flows must have ` +
      'a scope value with /.default suffixed to the resource identifier (application ID URI).',
  }),
  unsupportedGrant: (): EntraError => ({
    status: 400,
    error: 'unsupported_grant_type',
    code: 70003,
    description: 'The app requested an unsupported grant type.',
  }),
  missingParameter: (name: string): EntraError => ({
    status: 400,
    error: 'invalid_request',
    code: 900144,
    description: `The request body must contain the following parameter: '${name}'.`,
  }),
};

/** The JSON body Entra ID sends with an error, trace ids and all. */
export function errorBody(failure: EntraError, now: Date): string {
  const traceId = randomUUID();
  const correlationId = randomUUID();
  const timestamp = now
    .toISOString()
    .replace('T', ' ')
    .replace(/\.\d+Z$/, 'Z');
  return JSON.stringify({
    error: failure.error,
    error_description:
      `AADSTS${failure.code}: ${failure.description} Trace ID: ${traceId} ` +
      `Correlation ID: ${correlationId} Timestamp: ${timestamp}`,
    error_codes: [failure.code],
    timestamp,
    trace_id: traceId,
    correlation_id: correlationId,
    error_uri: `https://login.microsoftonline.com/error?code=${failure.code}`,
  });
}
