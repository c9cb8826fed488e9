import {errorReply, functionFailure, okReply, type SimReply} from './reply.js';
import {bindPermissions, missingPermissions} from './roles.js';
import {authenticateSigned} from './signed-request.js';
import {simErrors} from './sim-errors.js';
import {firstItem, stringField, type SimRequest, type SimState} from './sim-state.js';

/**
 * get-account: the account of the bound user. It needs Account | Dashboard read [C]. The
 * engine's bind also needs Account | Dashboard edit and Services | Exchange Services read and
 * edit [C]; get-account is the one documented call a bind makes after login, so the whole
 * requirement is checked here [I: which call the real service checks it on is unknown].
 */
export function getAccountRoute(request: SimRequest, state: SimState): SimReply {
  const signed = authenticateSigned(request, state);
  if (!signed.ok) return signed.reply;
  const {user, headers} = signed.caller;
  const missing = missingPermissions(user.roles, bindPermissions);
  if (missing.length > 0) return errorReply(403, simErrors.missingPermissions(missing), headers);
  const {account} = user;
  return okReply(
    [
      {
        accountCode: account.accountCode,
        accountName: account.accountName,
        region: account.region,
        domain: account.domains[0] ?? '',
        adminEmail: user.email,
        userCount: account.users.length,
        mailPlatform: 'exchange',
        type: 'full',
        packages: ['Synchronization Engine'],
      },
    ],
    headers,
  );
}

/** logout: the named binding (one of the caller's own) stops working and is forgotten. */
export function logoutRoute(request: SimRequest, state: SimState): SimReply {
  const signed = authenticateSigned(request, state);
  if (!signed.ok) return signed.reply;
  const {binding, headers} = signed.caller;
  const item = firstItem(request.body);
  const accessKey = stringField(item, 'accessKey');
  if (accessKey === undefined) {
    return functionFailure(400, simErrors.blank('accessKey'), item, headers);
  }
  const target = state.bindings.find(accessKey);
  if (!target || target.email !== binding.email) {
    return functionFailure(404, simErrors.unknownBinding(), item, headers);
  }
  state.bindings.remove(accessKey);
  return okReply([], headers);
}
