/**
 * The whole program against a directory under test, with Mimecast and Exchange from the
 * in-process simulators: `mse-bind bind --non-interactive` (the built dist/cli.mjs, directory
 * settings as flags, secrets on stdin) and the wizard (the real App on fake streams, driven
 * from the credentials screen to the result screen).
 */
import {readFile, writeFile} from 'node:fs/promises';
import {join} from 'node:path';

import type {DirectorySettings} from '../../src/bind/settings.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import type {InkHarness} from './ink-harness.js';
import type {CliOptions, CliRun} from './run-cli.js';
import {
  resultScreenShown,
  startWholeProgram,
  type SiteUnderTest,
  type WizardRun,
} from './whole-program.js';

export {resultScreenShown, type WizardRun} from './whole-program.js';

export type DirectoryUnderTest = {
  readonly settings: DirectorySettings;
  readonly password: string;
  /** PEM files to trust besides the simulators' CA (the directory's CA); none by default. */
  readonly caFiles?: readonly string[];
};

export type BindWithDirectory = {
  readonly simulators: DemoSimulators;
  /** Every secret the runs use besides the directory's, for leak checks. */
  readonly siteSecrets: readonly string[];
  cli(directory: DirectoryUnderTest, options?: Pick<CliOptions, 'onSpawn'>): Promise<CliRun>;
  /** Binds in the wizard; waits until `done` holds for the frame (default: the result screen). */
  wizard(directory: DirectoryUnderTest, done?: (frame: string) => boolean): Promise<WizardRun>;
  /** The wizard on its credentials screen with the password typed in, not yet submitted. */
  openWizard(directory: DirectoryUnderTest): Promise<InkHarness>;
  close(): Promise<void>;
};

export async function startBindWithDirectory(): Promise<BindWithDirectory> {
  const program = await startWholeProgram();
  const {simulators} = program;

  /**
   * One CA file for the whole site (the setting is shared): the simulators' CA plus the
   * directory's, if trusted. Without one it is the simulators' own file, a stable path.
   */
  const caFileFor = async (directory: DirectoryUnderTest): Promise<string> => {
    if ((directory.caFiles ?? []).length === 0) return simulators.summary.caFile;
    const pems = [simulators.summary.caFile, ...(directory.caFiles ?? [])];
    const joined = (await Promise.all(pems.map((file) => readFile(file, 'utf8')))).join('\n');
    const file = join(await program.runDir(), 'ca.pem');
    await writeFile(file, joined);
    return file;
  };

  const secretsWith = (directory: DirectoryUnderTest) => ({
    ...simulators.secrets,
    directoryPassword: directory.password,
  });

  const wizardSite = async (directory: DirectoryUnderTest): Promise<SiteUnderTest> => ({
    settings: {
      ...simulators.settings,
      directory: directory.settings,
      network: {...simulators.settings.network, caFile: await caFileFor(directory)},
    },
    secrets: secretsWith(directory),
  });

  return {
    simulators,
    siteSecrets: program.siteSecrets,

    async cli(directory, options = {}) {
      const {settings: d} = directory;
      // The demo site's settings file, the directory given as options over it.
      // prettier-ignore
      const flags = [
        '--directory-type', d.type, '--directory-host', d.host,
        '--directory-port', String(d.port), '--directory-tls', d.tlsMode,
        `--base-dn=${d.baseDn}`, '--directory-user', d.bindName,
        '--ca-file', await caFileFor(directory),
      ];
      const site = {settings: simulators.settings, secrets: secretsWith(directory)};
      return program.cli(site, flags, options);
    },

    openWizard: async (directory) => program.openWizard(await wizardSite(directory)),

    wizard: async (directory, done = resultScreenShown) =>
      program.wizard(await wizardSite(directory), done),

    close: () => program.close(),
  };
}
