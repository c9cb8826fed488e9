export {
  startEntraSimulator,
  type EntraSimulator,
  type EntraSimulatorOptions,
  type TokenRequestRecord,
} from './server.js';
export {demoTenant, type EntraApp, type EntraTenant} from './tenants.js';
export {verifyJwt, type JwtCheck, type JwtClaims} from './jwt.js';
