import type {MimecastStep} from './call-context.js';
import type {MimecastRealm} from './types.js';

/**
 * What the client takes Mimecast to do where the public sources do not settle it, in one
 * place: each fact is marked [I] (inferred: client code, or several sources pointing the same
 * way) or [U] (unknown or contested), with why. When the real service is seen to behave
 * otherwise, change it here. The simulator's own choices for the same facts are in
 * src/simulators/mimecast/service-defaults.ts.
 */

/**
 * How far this computer's clock may be from Mimecast's before a bind stops in step 1, and
 * beyond which a refused signed call names the clock. [U] Mimecast does not publish the window
 * it allows x-mc-date; five minutes is the common bound for signed requests (Kerberos uses it
 * too), and a clock further off needs setting right whatever Mimecast's own window is.
 */
export const clockSkewLimitMs = 5 * 60_000;

/**
 * The expiry of a binding login just returned. `duration` is the TTL in milliseconds [C]. A
 * reply without a positive duration is taken as a binding that never expires [I: server
 * integrations are told to use the "Never Expire" TTL, and no source shows what login then
 * sends; a number that is absent or zero cannot be a TTL that ends].
 */
export function bindingExpiry(duration: unknown, boundAt: Date): string | null {
  if (typeof duration !== 'number' || !Number.isFinite(duration) || duration <= 0) return null;
  return new Date(boundAt.getTime() + duration).toISOString();
}

/**
 * The HTTP status of a login refused because the user holds as many bindings as Mimecast
 * allows. [I] 409 is the documented "state conflict", and the only state a login can conflict
 * with is the user's bindings; the cap's own error code (below) is read first when sent.
 */
export const bindingCapLoginStatus = 409;

/**
 * The status of a call at a regional host that does not serve the user's account: the user
 * (or binding) is unknown there, so it is refused as bad credentials, not redirected [I: a
 * wrong regional endpoint is reported to answer with authentication errors]. A login or
 * signed call refused with it therefore names the region as a possible cause.
 */
export const wrongRegionStatus = 401;

/**
 * A redirect means the host does not serve the call: the global host redirects API calls to
 * the account's region [C]; which status it uses is [U], so any 3xx is read that way [I: a
 * public client treats every 3xx on login as a wrong Mimecast URL].
 */
export function isRegionRedirect(status: number): boolean {
  return status >= 300 && status < 400;
}

/*
 * Locked and disabled users are answered with HTTP 401 [I: the documented 401 covers every
 * refused sign-in], told apart from a wrong password only by an error code of their own [U,
 * below]. The client reads the code whatever the status, so a 401 without a known code reads
 * as refused credentials.
 */

/**
 * The login realm an entry of discovery's `authenticate` list stands for, or null. The values
 * Mimecast sends are not documented [U]: clients map them to the two realms, and the wording
 * seen is either the realm names or "cloud" / "domain", so both are read.
 */
export function realmOfAuthenticateValue(value: unknown): MimecastRealm | null {
  if (typeof value !== 'string') return null;
  const word = value.trim().toLowerCase();
  if (word.includes('cloud')) return 'Basic-Cloud';
  if (word.includes('domain') || word === 'basic-ad' || word === 'ad') return 'Basic-AD';
  return null;
}

/**
 * Which realm to sign in with when discovery offers both, best first. [I] A cloud password
 * works without Mimecast reaching the customer's domain controller, so it is preferred.
 */
export const realmPreference: readonly MimecastRealm[] = ['Basic-Cloud', 'Basic-AD'];

/** [I] An empty or missing `authenticate` list says nothing; a cloud password is common. */
export const realmWhenNoneOffered: MimecastRealm = 'Basic-Cloud';

/** A permission as the Administration Console's role editor shows it: an area, read / edit. */
export type RolePermission = {
  readonly area: string;
  readonly access: readonly ('read' | 'edit')[];
};

/**
 * What the bind user's role must hold [C: the engine's binding requirements]: Basic
 * Administrator, or a custom role with these.
 */
export const bindRolePermissions: readonly RolePermission[] = [
  {area: 'Account | Dashboard', access: ['read', 'edit']},
  {area: 'Services | Exchange Services', access: ['read', 'edit']},
];

/**
 * What each call needs of the role, for the message of a 403. get-account needs Account |
 * Dashboard read [C: its reference page]. It is also the one signed call a bind makes after
 * login, so it is where the rest of the binding's role can be checked [I: which call the
 * service checks it on is not published]. Discovery, login and logout need no role [I: any
 * user may sign in and end a binding of its own].
 */
export const callPermissions: Readonly<
  Record<MimecastStep, {readonly own: readonly RolePermission[]; readonly bindRole: boolean}>
> = {
  discover: {own: [], bindRole: false},
  login: {own: [], bindRole: false},
  'get-account': {own: [{area: 'Account | Dashboard', access: ['read']}], bindRole: true},
  logout: {own: [], bindRole: false},
};

/**
 * The `fail[].errors[].code` values the client tells apart; the simulator sends the same ones.
 * Codes marked [C] are matched by public clients of the real service. Those marked [U] are not
 * published: the behaviour is documented (a wrong realm is 401 sub-code 0001, 2-step must be
 * off, too many bindings lock the user out) but the code the service puts on it is a guess.
 * When the real code is seen, change it here; an unknown code still gets the message of its
 * HTTP status.
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
  /** [U] a login would exceed the per-user binding cap; the user is locked out [C: a public
   * client's notes say so]. */
  bindingLimit: 'err_xdk_binding_limit_reached',
  /** [U] x-mc-date is missing or outside the service's window (itself [U]). */
  dateOutOfRange: 'err_xdk_date_out_of_range',
  /** [U] the documented prefix is err_xdk_operation_forbidden_for…; the rest is cut off. */
  operationForbidden: 'err_xdk_operation_forbidden',
} as const;
