import {randomBytes} from 'node:crypto';
import {errorReply, functionFailure, okReply, type SimReply} from './reply.js';
import {simErrors} from './sim-errors.js';
import {firstItem, header, stringField, type SimRequest, type SimState} from './sim-state.js';

/**
 * discover-authentication: no Authorization header. A known domain answers with the region's
 * base URL and the realms offered; an unknown one with HTTP 200 and no region at all.
 */
export function discoverRoute(request: SimRequest, state: SimState): SimReply {
  if (!header(request, 'x-mc-app-id')) return errorReply(401, simErrors.developerKey());
  const item = firstItem(request.body);
  const email = stringField(item, 'emailAddress');
  if (email === undefined) {
    return functionFailure(400, simErrors.blank('emailAddress'), item);
  }

  const found = {emailAddress: email, emailToken: randomBytes(24).toString('base64url')};
  const account = state.directory.accountForEmail(email);
  const api = account && state.regionUrl(account.region);
  if (!account || !api) return okReply([{...found, authenticate: []}]);

  // The values Mimecast puts in `authenticate` are not documented [U]; the realm names are
  // what clients end up using, so the simulator sends those.
  const user = state.directory.user(email);
  return okReply([{...found, authenticate: [user?.realm ?? 'Basic-Cloud'], region: {api}}]);
}
