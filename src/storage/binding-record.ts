import type {MimecastAccount, MimecastBinding} from '../bind/mimecast/types.js';
import type {SiteSecrets, SiteSettings} from '../bind/settings.js';

export const bindingRecordSchemaVersion = 1;

export type EngineState = 'running' | 'paused';

/**
 * Everything a bound site needs to run, stored as one encrypted file. It holds secrets (the
 * binding's secret key, the application key and the service-account passwords), so it is only
 * ever written encrypted and never printed whole.
 */
export type BindingRecord = {
  readonly schemaVersion: typeof bindingRecordSchemaVersion;
  readonly settings: SiteSettings;
  readonly secrets: SiteSecrets;
  readonly account: MimecastAccount;
  readonly binding: MimecastBinding;
  readonly engine: {readonly state: EngineState};
};
