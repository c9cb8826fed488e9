/**
 * The whole program against an Exchange under test, with Mimecast and the directory from the
 * in-process simulators: `mse-bind bind --non-interactive` (the Exchange settings as options
 * over the demo site's settings file, secrets on stdin) and the wizard (the real App, driven
 * from the credentials screen to the result screen).
 */
import type {ExchangeSettings} from '../../src/bind/settings.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import type {CliOptions} from './run-cli.js';
import {
  resultScreenShown,
  startWholeProgram,
  type CliBind,
  type SiteUnderTest,
  type WizardRun,
} from './whole-program.js';

export {resultScreenShown, type CliBind, type WizardRun} from './whole-program.js';

export type ExchangeUnderTest = {
  readonly exchange: ExchangeSettings;
  /** The Exchange service account's password ('' for OAuth). */
  readonly password: string;
  /** The OAuth client secret ('' without OAuth). */
  readonly clientSecret: string;
  /** The proxy setting; '' for direct connections. */
  readonly proxyUrl: string;
  /** The CA file setting: it must trust the demo simulators as well as this Exchange. */
  readonly caFile: string;
};

export type BindWithExchange = {
  readonly simulators: DemoSimulators;
  /** The demo site's secrets besides Exchange's, for leak checks. */
  readonly siteSecrets: readonly string[];
  cli(under: ExchangeUnderTest, options?: Pick<CliOptions, 'onSpawn'>): Promise<CliBind>;
  /** Binds in the wizard; waits until `done` holds for the frame (default: the result screen). */
  wizard(under: ExchangeUnderTest, done?: (frame: string) => boolean): Promise<WizardRun>;
  close(): Promise<void>;
};

export async function startBindWithExchange(): Promise<BindWithExchange> {
  const program = await startWholeProgram();
  const {simulators} = program;

  const siteOf = (under: ExchangeUnderTest): SiteUnderTest => ({
    settings: {
      ...simulators.settings,
      exchange: under.exchange,
      network: {caFile: under.caFile, proxyUrl: under.proxyUrl},
    },
    secrets: {
      ...simulators.secrets,
      exchangePassword: under.password,
      exchangeClientSecret: under.clientSecret,
    },
  });

  return {
    simulators,
    siteSecrets: [
      simulators.admin.password,
      simulators.secrets.appKey,
      simulators.secrets.directoryPassword,
      simulators.secrets.exchangeClientSecret ?? '',
    ].filter((secret) => secret !== ''),

    cli(under, options = {}) {
      const {exchange: x} = under;
      // The demo site's settings file, Exchange and the network given as options over it.
      // prettier-ignore
      const flags = [
        `--ews-url=${x.ewsUrl}`, '--exchange-auth', x.authScheme,
        `--exchange-user=${x.user}`, '--exchange-access', x.accessMode,
        `--mailbox=${x.mailbox}`, `--tenant=${x.tenant ?? ''}`,
        `--client-id=${x.clientId ?? ''}`, `--authority-url=${x.authorityUrl ?? ''}`,
        `--proxy=${under.proxyUrl}`, '--ca-file', under.caFile,
      ];
      const site = {settings: simulators.settings, secrets: siteOf(under).secrets};
      return program.cli(site, flags, options);
    },

    wizard: (under, done = resultScreenShown) => program.wizard(siteOf(under), done),

    close: () => program.close(),
  };
}
