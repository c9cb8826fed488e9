import {mimecastErrorCodes as codes} from '../../bind/mimecast/inferred-behaviour.js';

/** One entry of `fail[].errors[]` as the simulator sends it. */
export type SimError = {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly field?: string;
};

function error(code: string, message: string, options: {field?: string; retryable?: boolean} = {}) {
  const item: SimError = {code, message, retryable: options.retryable ?? false};
  return options.field === undefined ? item : {...item, field: options.field};
}

/**
 * The errors the simulator sends. Codes that public clients match on are real [C]:
 * err_xdk_binding_expired, err_developer_key, err_validation_*. The codes the client tells
 * apart but Mimecast does not publish come from the client's table
 * (inferred-behaviour.ts, marked [U] there), so a real code seen in the field is changed in one
 * place for both. The texts and the remaining codes are made up here and marked [U].
 */
export const simErrors = {
  /** [C] code and text (Splunk matches "AccessKey Has Expired"). */
  bindingExpired: () => error(codes.bindingExpired, 'AccessKey Has Expired'),
  /** [C] code: the connection headers do not name a registered application. */
  developerKey: () =>
    error(codes.developerKey, 'The application id or key is not registered for this account'),
  /** [C] code family. */
  blank: (field: string) => error('err_validation_blank', `${field} must not be blank`, {field}),
  /** [U] 400 sub-code 0001: credentials missing. */
  credentialsMissing: () =>
    error('err_authentication_credentials_missing', 'Authorization header missing or invalid'),
  /** [U] code; 401 sub-code 0001: the realm in the header is not the user's password type. */
  realmNotSupported: (realm: string) =>
    error(
      codes.realmNotSupported,
      `The authentication type ${realm} is not supported for this user`,
    ),
  /** [U] wrong password or unknown user, told apart by nothing. */
  invalidCredentials: () => error('err_authentication_failed', 'Invalid user name or password'),
  /** [U] */
  twoStepEnabled: () =>
    error(codes.twoStepEnabled, '2-step authentication is enabled for this user'),
  /** [U] */
  userLocked: () => error(codes.userLocked, 'The user account is locked'),
  /** [U] */
  userDisabled: () => error(codes.userDisabled, 'The user account is disabled'),
  /** [U] the cap on bindings per user; going past it locks the user out [C: a client's notes]. */
  bindingLimit: (max: number) =>
    error(codes.bindingLimit, `Too many keys bound to this user (at most ${max}); user locked`),
  /** [U] */
  badSignature: () => error('err_xdk_signature_invalid', 'The request signature is not valid'),
  /** [U] */
  dateOutOfRange: () =>
    error(codes.dateOutOfRange, 'x-mc-date is missing or too far from the server time'),
  /** [U] */
  unknownBinding: () => error('err_xdk_access_key_not_found', 'The access key is not bound'),
  /** [U] text; the code prefix is documented as err_xdk_operation_forbidden_for… */
  missingPermissions: (missing: readonly string[]) =>
    error(codes.operationForbidden, `The user's role lacks ${missing.join(', ')}`),
  /** [U] */
  rateLimited: () => error('err_rate_limit_exceeded', 'Rate limit exceeded'),
  /** [U] */
  notFound: (path: string) => error('err_not_found', `No API at ${path}`),
  /** [U] */
  methodNotAllowed: () => error('err_method_not_allowed', 'API 1.0 accepts POST only'),
  /** [U] */
  unreadableBody: () => error('err_request_body_invalid', 'The request body is not JSON'),
  /** [U] */
  internal: () =>
    error('err_internal', 'The simulator failed to handle the request', {retryable: true}),
  /** [U] */
  bodyTooLarge: () => error('err_request_body_too_large', 'The request body is too large'),
};
