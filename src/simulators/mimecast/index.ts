/** A loopback Mimecast API 1.0 service: discovery, login, get-account and logout. */
export {
  startMimecastSimulator,
  type MimecastSimulator,
  type MimecastSimulatorOptions,
  type SimRequestRecord,
} from './server.js';
export {
  demoAccounts,
  rolesThatReadTheAccount,
  type SimAccount,
  type SimApplication,
  type SimUser,
} from './accounts.js';
export type {SimBindingView} from './binding-store.js';
export type {RateLimit} from './rate-limiter.js';
