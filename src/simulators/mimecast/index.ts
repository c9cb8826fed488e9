/** A loopback Mimecast API 1.0 service over HTTPS: discovery, login, get-account, logout. */
export {
  startMimecastSimulator,
  type MimecastSimulator,
  type MimecastSimulatorOptions,
  type SimRequestRecord,
} from './server.js';
export {
  demoAccounts,
  type SimAccount,
  type SimApplication,
  type SimUser,
  type SimUserState,
} from './accounts.js';
export {bindPermissions, type SimRole} from './roles.js';
export {simFaults, type SimFault} from './faults.js';
export type {SimBindingView} from './binding-store.js';
export type {RateLimit} from './rate-limiter.js';
