/**
 * The `fail[].errors[].code` values the client tells apart, in one place: the simulator sends
 * the same ones. Codes marked [C] are matched by public clients of the real service. Those
 * marked [U] are not published: the behaviour is documented (a wrong realm is 401 sub-code
 * 0001, 2-step must be off, too many bindings lock the user out) but the code the service puts
 * on it is a guess. When the real code is seen, change it here; an unknown code still gets the
 * message of its HTTP status.
 */
export const mimecastErrorCodes = {
  /** [C] 418: the binding's TTL has passed ("AccessKey Has Expired"). */
  bindingExpired: 'err_xdk_binding_expired',
  /** [C] the connection headers name no registered application (app id or key). */
  developerKey: 'err_developer_key',
  /** [C] prefix of the validation family (`err_validation_blank`, …). */
  validationPrefix: 'err_validation',
  /** [U] 401 sub-code 0001: the realm sent is not the user's password type. */
  realmNotSupported: 'err_authentication_type_not_supported',
  /** [U] the user's authentication profile has 2-step authentication on. */
  twoStepEnabled: 'err_authentication_two_step_required',
  /** [U] the Mimecast user is locked (by an administrator, or after too many bindings). */
  userLocked: 'err_authentication_user_locked',
  /** [U] the Mimecast user is disabled. */
  userDisabled: 'err_authentication_user_disabled',
  /** [U] a login would exceed the per-user binding cap; the user is locked out [C: R4]. */
  bindingLimit: 'err_xdk_binding_limit_reached',
  /** [U] x-mc-date is missing or outside the service's window (itself [U]). */
  dateOutOfRange: 'err_xdk_date_out_of_range',
  /** [U] the documented prefix is err_xdk_operation_forbidden_for…; the rest is cut off. */
  operationForbidden: 'err_xdk_operation_forbidden',
} as const;
