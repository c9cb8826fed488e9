import type {SimBinding} from './binding-store.js';
import type {DirectoryUser} from './directory.js';
import {parseMcDate} from './mc-date.js';
import {errorReply, type SimReply} from './reply.js';
import {serviceDefaults} from './service-defaults.js';
import {simErrors} from './sim-errors.js';
import {header, type SimRequest, type SimState} from './sim-state.js';
import {parseMcAuthorization, signatureIsValid} from './verify-signature.js';

export type SignedCaller = {
  readonly binding: SimBinding;
  readonly user: DirectoryUser;
  /** Rate-limit headers for the reply. */
  readonly headers: Record<string, string>;
};

/**
 * Authenticates a signed call the way the service does: a known access key on this region,
 * the binding's application id, a fresh x-mc-date, the MC signature over the path (not the
 * full URL), then the rate limit and the binding's expiry (418). Returns the caller, or the
 * refusal to send.
 */
export function authenticateSigned(
  request: SimRequest,
  state: SimState,
): {ok: true; caller: SignedCaller} | {ok: false; reply: SimReply} {
  const refuse = (reply: SimReply) => ({ok: false as const, reply});
  const authorization = parseMcAuthorization(header(request, 'authorization'));
  if (!authorization) return refuse(errorReply(401, simErrors.credentialsMissing()));

  const binding = state.bindings.find(authorization.accessKey);
  const user = binding && state.directory.user(binding.email);
  if (!binding || !user) return refuse(errorReply(401, simErrors.unknownBinding()));
  // Bindings of another region are unknown here, as their users are at login [I].
  if (user.account.region !== request.region) {
    return refuse(errorReply(serviceDefaults.wrongRegionStatus, simErrors.unknownBinding()));
  }
  const appId = header(request, 'x-mc-app-id');
  const app = state.directory.application(user.account, appId);
  if (!app || appId !== binding.appId) return refuse(errorReply(401, simErrors.developerKey()));

  const dateText = header(request, 'x-mc-date') ?? '';
  const date = parseMcDate(dateText);
  if (!date || Math.abs(date.getTime() - state.now()) > state.maxClockSkewMs) {
    return refuse(errorReply(401, simErrors.dateOutOfRange()));
  }
  const reqId = header(request, 'x-mc-req-id') ?? '';
  const facts = {secretKey: binding.secretKey, date: dateText, reqId, path: request.path};
  if (reqId === '' || !signatureIsValid({...facts, appKey: app.appKey}, authorization.signature)) {
    return refuse(errorReply(401, simErrors.badSignature()));
  }

  const rate = state.limiter.take(user.email, state.now());
  if (!rate.allowed) return refuse(errorReply(429, simErrors.rateLimited(), rate.headers));
  if (binding.expiresAt !== null && binding.expiresAt <= state.now()) {
    return refuse(errorReply(418, simErrors.bindingExpired(), rate.headers));
  }
  return {ok: true, caller: {binding, user, headers: rate.headers}};
}
