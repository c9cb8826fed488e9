/** One entry of `fail[].errors[]` as the simulator sends it. */
export type SimError = {
  readonly code: string;
  readonly message: string;
  readonly retryable: boolean;
  readonly field?: string;
};

function error(code: string, message: string, field?: string): SimError {
  return field === undefined
    ? {code, message, retryable: false}
    : {code, message, retryable: false, field};
}

/**
 * The errors the simulator sends. Codes that public clients match on are real [C]:
 * err_xdk_binding_expired, err_developer_key, err_validation_*. The texts of the others and
 * their codes are not published; those are made up here and marked [U].
 */
export const simErrors = {
  /** [C] code and text (Splunk matches "AccessKey Has Expired"). */
  bindingExpired: () => error('err_xdk_binding_expired', 'AccessKey Has Expired'),
  /** [C] code: the connection headers do not name a registered application. */
  developerKey: () =>
    error('err_developer_key', 'The application id or key is not registered for this account'),
  /** [C] code family. */
  blank: (field: string) => error('err_validation_blank', `${field} must not be blank`, field),
  /** [U] 400 sub-code 0001: credentials missing. */
  credentialsMissing: () =>
    error('err_authentication_credentials_missing', 'Authorization header missing or invalid'),
  /** [U] 401 sub-code 0001: the realm in the header is not the user's password type. */
  realmNotSupported: (realm: string) =>
    error(
      'err_authentication_type_not_supported',
      `The authentication type ${realm} is not supported for this user`,
    ),
  /** [U] wrong password or unknown user, told apart by nothing. */
  invalidCredentials: () => error('err_authentication_failed', 'Invalid user name or password'),
  /** [U] */
  twoStepEnabled: () =>
    error('err_authentication_two_step_required', '2-step authentication is enabled for this user'),
  /** [U] the cap on bindings per user (the documented "too many keys lock the user out"). */
  bindingLimit: (max: number) =>
    error('err_xdk_binding_limit_reached', `This user already holds ${max} bindings`),
  /** [U] */
  badSignature: () => error('err_xdk_signature_invalid', 'The request signature is not valid'),
  /** [U] */
  dateOutOfRange: () =>
    error('err_xdk_date_out_of_range', 'x-mc-date is missing or too far from the server time'),
  /** [U] */
  unknownBinding: () => error('err_xdk_access_key_not_found', 'The access key is not bound'),
  /** [U] (the documented prefix is err_xdk_operation_forbidden_for…) */
  forbidden: () =>
    error('err_xdk_operation_forbidden', 'The user has no role that permits this operation'),
  /** [U] */
  rateLimited: () => error('err_rate_limit_exceeded', 'Rate limit exceeded'),
  /** [U] */
  notFound: (path: string) => error('err_not_found', `No API at ${path}`),
  /** [U] */
  methodNotAllowed: () => error('err_method_not_allowed', 'API 1.0 accepts POST only'),
  /** [U] */
  unreadableBody: () => error('err_request_body_invalid', 'The request body is not JSON'),
  /** [U] */
  internal: () => error('err_internal', 'The simulator failed to handle the request'),
  /** [U] */
  bodyTooLarge: () => error('err_request_body_too_large', 'The request body is too large'),
};
