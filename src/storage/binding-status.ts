import type {
  DirectoryTlsMode,
  DirectoryType,
  ExchangeAccessMode,
  ExchangeAuthScheme,
} from '../bind/settings.js';
import type {BindingRecord, EngineState} from './binding-record.js';
import type {KeyLocation} from './data-key.js';

/** What `mse-bind status` shows: everything about the binding except its secrets. */
export type BindingStatus = {
  readonly siteName: string;
  readonly account: {readonly code: string; readonly name: string; readonly regionApi: string};
  readonly boundBy: string;
  readonly boundAt: string;
  readonly expiresAt: string | null;
  readonly directory: {
    readonly type: DirectoryType;
    readonly host: string;
    readonly port: number;
    readonly tlsMode: DirectoryTlsMode;
    readonly baseDn: string;
    readonly bindName: string;
  };
  readonly exchange: {
    readonly ewsUrl: string;
    readonly authScheme: ExchangeAuthScheme;
    readonly accessMode: ExchangeAccessMode;
    readonly user: string;
    readonly mailbox: string;
  };
  readonly engineState: EngineState;
  readonly keyLocation: KeyLocation;
  readonly dataFile: string;
};

/**
 * Copies field by field rather than spreading, so a secret added to the record later cannot
 * slip into the status by accident.
 */
export function summarizeBinding(
  record: BindingRecord,
  keyLocation: KeyLocation,
  dataFile: string,
): BindingStatus {
  const {settings, account, binding} = record;
  const {directory, exchange} = settings;
  return {
    siteName: settings.siteName,
    account: {code: account.code, name: account.name, regionApi: account.regionApi},
    boundBy: binding.boundBy,
    boundAt: binding.boundAt,
    expiresAt: binding.expiresAt,
    directory: {
      type: directory.type,
      host: directory.host,
      port: directory.port,
      tlsMode: directory.tlsMode,
      baseDn: directory.baseDn,
      bindName: directory.bindName,
    },
    exchange: {
      ewsUrl: exchange.ewsUrl,
      authScheme: exchange.authScheme,
      accessMode: exchange.accessMode,
      user: exchange.user,
      mailbox: exchange.mailbox,
    },
    engineState: record.engine.state,
    keyLocation,
    dataFile,
  };
}
