import {createHash, timingSafeEqual} from 'node:crypto';
import {parseBasicCredentials} from './basic-credentials.js';
import type {SimBinding} from './binding-store.js';
import type {DirectoryUser} from './directory.js';
import {errorReply, functionFailure, okReply, withHeaders, type SimReply} from './reply.js';
import {serviceDefaults} from './service-defaults.js';
import {simErrors} from './sim-errors.js';
import {firstItem, header, stringField, type SimRequest, type SimState} from './sim-state.js';

function sameSecret(given: string, expected: string): boolean {
  const digest = (text: string) => createHash('sha256').update(text, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/**
 * login: checks the application, the realm against the user's password type, the password,
 * the user's state and the 2-step setting, then issues a binding.
 */
export function loginRoute(request: SimRequest, state: SimState): SimReply {
  const credentials = parseBasicCredentials(header(request, 'authorization'));
  if (!credentials) return errorReply(400, simErrors.credentialsMissing());

  const user = state.directory.user(credentials.email);
  // A user of another region is unknown here, as on the real grid [I].
  if (user && user.account.region !== request.region) {
    return errorReply(serviceDefaults.wrongRegionStatus, simErrors.invalidCredentials());
  }
  if (!user) return errorReply(401, simErrors.invalidCredentials());
  const app = state.directory.application(user.account, header(request, 'x-mc-app-id'));
  if (!app) return errorReply(401, simErrors.developerKey());

  const rate = state.limiter.take(user.email, state.now());
  if (!rate.allowed) return errorReply(429, simErrors.rateLimited(), rate.headers);
  return withHeaders(authenticate(request, state, user, credentials, app.appId), rate.headers);
}

function authenticate(
  request: SimRequest,
  state: SimState,
  user: DirectoryUser,
  credentials: {realm: string; password: string},
  appId: string,
): SimReply {
  // The realm is compared without regard to case: PowerShell clients send `Basic-Ad` [I].
  if (credentials.realm.toLowerCase() !== user.realm.toLowerCase()) {
    return errorReply(401, simErrors.realmNotSupported(credentials.realm));
  }
  if (!sameSecret(credentials.password, user.password)) {
    return errorReply(401, simErrors.invalidCredentials());
  }
  // Only a caller who knows the password learns the user's state [I].
  const refused = serviceDefaults.refusedUserStatus;
  if (user.state === 'disabled') return errorReply(refused, simErrors.userDisabled());
  if (user.state === 'locked') return errorReply(refused, simErrors.userLocked());
  if (user.twoStepAuthentication) return errorReply(401, simErrors.twoStepEnabled());

  const item = firstItem(request.body);
  const userName = stringField(item, 'userName');
  if (userName === undefined) return functionFailure(400, simErrors.blank('userName'), item);
  if (userName.toLowerCase() !== user.email.toLowerCase()) {
    return errorReply(401, simErrors.invalidCredentials());
  }
  return issueBinding(state, user, appId, stringField(item, 'accessKey'));
}

/**
 * Refreshes the caller's binding whose access key the body names (its expiry moves on, its
 * keys stay), or mints a new one. "Too many keys bound to a user will lock out the user" [C:
 * a public client's notes]: a login that would go past the cap locks the user instead, and
 * every login after it is refused until an administrator unlocks the user. The cap itself is
 * not published [U] (service-defaults.ts); only live bindings count toward it (binding-store.ts).
 */
function issueBinding(
  state: SimState,
  user: DirectoryUser,
  appId: string,
  accessKey: string | undefined,
): SimReply {
  const ttl = user.account.bindingTtlMs;
  const expiresAt = ttl === null ? null : state.now() + ttl;
  const existing = state.bindings.find(accessKey);
  // Refreshing someone else's (or another application's) binding is not possible; such a
  // login mints a new binding instead [U].
  const refreshable =
    existing !== undefined &&
    existing.email === user.email.toLowerCase() &&
    existing.appId === appId;
  let binding: SimBinding | null = null;
  if (refreshable && state.bindings.mayRefresh(existing, state.now())) {
    existing.expiresAt = expiresAt;
    binding = existing;
  } else if (!refreshable) {
    binding = state.bindings.mint(user.email, appId, expiresAt, state.now());
  }
  if (!binding) {
    user.state = 'locked';
    const refused = serviceDefaults.refusedUserStatus;
    return errorReply(refused, simErrors.bindingLimit(state.bindings.maxPerUser));
  }
  // For a never-expiring TTL the reply carries no duration [U].
  const duration = ttl === null ? {} : {duration: ttl};
  return okReply([{accessKey: binding.accessKey, secretKey: binding.secretKey, ...duration}]);
}
