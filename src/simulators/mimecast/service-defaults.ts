import type {RateLimit} from './rate-limiter.js';

/**
 * What the simulator does where Mimecast's own behaviour is not published, in one place: each
 * value is marked [I] (inferred) or [U] (unknown), with why. The client's reading of the same
 * facts is in src/bind/mimecast/inferred-behaviour.ts; the two are kept apart on purpose, so
 * that a test can serve what the client does not expect.
 */
export const serviceDefaults = {
  /**
   * How far x-mc-date may be from the service's clock on a signed call. [U] Not published;
   * 15 minutes, as for other HMAC-signed APIs. Login does not check it [I: public clients
   * sign in without x-mc-date and are served].
   */
  maxClockSkewMs: 15 * 60_000,
  /**
   * Live bindings one user may hold. [U] Mimecast caps them and warns that too many lock the
   * user out, but publishes no number.
   */
  maxBindingsPerUser: 10,
  /**
   * The per-user token bucket. [U] The scheme and its headers are documented, the numbers
   * are not; these let a bind through and a test run out of them on purpose.
   */
  rateLimit: {limit: 300, resetMs: 200} satisfies RateLimit,
  /**
   * How the global host answers an API call other than discovery: a redirect to the caller's
   * region [C]; which calls, and which status exactly, is [U].
   */
  regionRedirectStatus: 302,
  /**
   * A login or signed call at a region that does not serve the user: the user or binding is
   * unknown there [I: a wrong regional endpoint is reported to answer with authentication
   * errors].
   */
  wrongRegionStatus: 401,
  /**
   * A locked or disabled user who gave the right password, and a login past the binding cap
   * (which locks the user). [I] The documented 401 covers every refused sign-in; each is told
   * apart by its own error code.
   */
  refusedUserStatus: 401,
} as const;
