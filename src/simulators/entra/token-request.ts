import {entraErrors, type EntraError} from './token-errors.js';
import {findTenant, type EntraApp, type EntraTenant} from './tenants.js';

/** Exchange Online's resource, as its application id URI and its well-known app id. */
export const exchangeOnlineResources = [
  'https://outlook.office365.com',
  '00000002-0000-0ff1-ce00-000000000000',
];

export type TokenDecision =
  | {readonly ok: true; readonly tenant: EntraTenant; readonly app: EntraApp}
  | {readonly ok: false; readonly failure: EntraError};

/**
 * Decides a client-credentials request the way Entra ID does, in its order: the tenant, the
 * grant type and parameters, the app in that tenant, its secret, then the scope.
 */
export function decideTokenRequest(
  tenants: readonly EntraTenant[],
  tenantName: string,
  form: URLSearchParams,
): TokenDecision {
  const tenant = findTenant(tenants, tenantName);
  if (tenant === undefined) return refuse(entraErrors.unknownTenant(tenantName));

  const grantType = form.get('grant_type');
  if (grantType === null) return refuse(entraErrors.missingParameter('grant_type'));
  if (grantType !== 'client_credentials') return refuse(entraErrors.unsupportedGrant());
  const clientId = form.get('client_id');
  if (clientId === null) return refuse(entraErrors.missingParameter('client_id'));

  const app = tenant.apps.find((candidate) => candidate.clientId === clientId.toLowerCase());
  if (app === undefined) return refuse(entraErrors.unknownApp(clientId, tenant.tenantId));
  const secret = form.get('client_secret');
  if (secret === null) return refuse(entraErrors.missingParameter('client_secret'));
  if (secret !== app.clientSecret) return refuse(entraErrors.invalidSecret(clientId));
  if (app.secretExpired === true) return refuse(entraErrors.expiredSecret(clientId));

  const scope = form.get('scope');
  if (scope === null) return refuse(entraErrors.missingParameter('scope'));
  if (!isDefaultScope(scope)) return refuse(entraErrors.badScope(scope));
  return {ok: true, tenant, app};
}

function isDefaultScope(scope: string): boolean {
  const parts = scope.trim().split(/\s+/);
  return (
    parts.length === 1 &&
    exchangeOnlineResources.some((resource) => parts[0] === `${resource}/.default`)
  );
}

function refuse(failure: EntraError): TokenDecision {
  return {ok: false, failure};
}
