import type {IncomingHttpHeaders} from 'node:http';
import {getAccountRoute, logoutRoute} from './account-routes.js';
import {parseBasicCredentials} from './basic-credentials.js';
import {discoverRoute} from './discover-route.js';
import {loginRoute} from './login-route.js';
import {parseRelaxedJson} from './relaxed-json.js';
import {errorReply, type SimReply} from './reply.js';
import {serviceDefaults} from './service-defaults.js';
import {simErrors} from './sim-errors.js';
import type {Handler, SimRequest, SimState} from './sim-state.js';
import {parseMcAuthorization} from './verify-signature.js';

const discoverPath = '/api/login/discover-authentication';

/** Discovery is served everywhere ("for redundancy these endpoints are in all DCs"). */
const regionalRoutes: Readonly<Record<string, Handler>> = {
  [discoverPath]: discoverRoute,
  '/api/login/login': loginRoute,
  '/api/account/get-account': getAccountRoute,
  '/api/login/logout': logoutRoute,
};

export type RawRequest = {
  readonly method: string;
  /** Path and query as received. */
  readonly url: string;
  /** null on the global discovery host; the grid code on a regional host. */
  readonly region: string | null;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
};

/** Unknown path 404, anything but POST 405, an unreadable body 400, then the route itself. */
export function routeRequest(raw: RawRequest, state: SimState): SimReply {
  const path = raw.url.split('?')[0] ?? '';
  const known = Object.hasOwn(regionalRoutes, path);
  if (!known) return errorReply(404, simErrors.notFound(path));
  if (raw.method !== 'POST') return errorReply(405, simErrors.methodNotAllowed());

  let body: unknown;
  try {
    body = raw.body.trim() === '' ? {} : parseRelaxedJson(raw.body);
  } catch {
    return errorReply(400, simErrors.unreadableBody());
  }
  const request: SimRequest = {path, region: raw.region, headers: raw.headers, body};
  if (raw.region === null && path !== discoverPath) return redirectToRegion(request, state);
  const handler = regionalRoutes[path];
  return handler ? handler(request, state) : errorReply(404, simErrors.notFound(path));
}

/**
 * The global host answers other API calls with a redirect to the caller's region [C: the
 * data-centre page says so; which calls and which status exactly is [U], see
 * service-defaults.ts].
 */
function redirectToRegion(request: SimRequest, state: SimState): SimReply {
  const authorization = request.headers.authorization;
  const email =
    parseBasicCredentials(authorization)?.email ??
    state.bindings.find(parseMcAuthorization(authorization)?.accessKey)?.email;
  const user = email === undefined ? undefined : state.directory.user(email);
  const base = user && state.regionUrl(user.account.region);
  if (!base) return errorReply(401, simErrors.invalidCredentials());
  const status = serviceDefaults.regionRedirectStatus;
  return {
    status,
    metaStatus: status,
    data: [],
    fail: [],
    headers: {Location: `${base}${request.path}`},
  };
}
