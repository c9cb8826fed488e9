export {
  allSchemaVersions,
  startEwsSimulator,
  type EwsRequestRecord,
  type EwsSimulator,
  type EwsSimulatorOptions,
} from './server.js';
export {demoOrganisation, type EwsAccount, type EwsOrganisation} from './accounts.js';
export type {EwsFailure} from './failures.js';
export type {AutodiscoverBehaviour} from './autodiscover-reply.js';
export type {BearerTrust} from './bearer-auth.js';
