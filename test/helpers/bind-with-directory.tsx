/**
 * The whole program against a directory under test, with Mimecast and Exchange from the
 * in-process simulators: `mse-bind bind --non-interactive` (the built dist/cli.mjs, directory
 * settings as flags, secrets on stdin) and the wizard (the real App on fake streams, driven
 * from the credentials screen to the result screen).
 */
import {mkdir, mkdtemp, readFile, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {App} from '../../src/app.js';
import {formValuesFrom} from '../../src/bind/form.js';
import {initialState} from '../../src/bind/machine.js';
import type {DirectorySettings, SiteSettings} from '../../src/bind/settings.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {wizardServices} from '../../src/commands/wizard-services.js';
import {TerminalCapsProvider} from '../../src/components/use-terminal-caps.js';
import {startDemoSimulators, type DemoSimulators} from '../../src/simulators/start-all.js';
import {ENTER, renderInk, type InkHarness} from './ink-harness.js';
import {runCli, type CliOptions, type CliRun} from './run-cli.js';
import {noKeychain} from './no-keychain.js';

export type DirectoryUnderTest = {
  readonly settings: DirectorySettings;
  readonly password: string;
  /** PEM files to trust besides the simulators' CA (the directory's CA); none by default. */
  readonly caFiles?: readonly string[];
};

export type WizardRun = {
  /** The result screen (or the screen the wizard stopped on), as an 80x25 terminal shows it. */
  readonly frame: string;
  /** Every frame drawn, oldest first. */
  readonly frames: readonly string[];
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

// No child may reach a real keychain: the D-Bus address leads nowhere, so storage falls back
// to the key file that --allow-key-file permits.

export const resultScreenShown = (frame: string): boolean =>
  frame.includes('ALL SETTINGS ARE VALID') || /\[x\] Step \d failed/.test(frame);

export async function startBindWithDirectory(): Promise<BindWithDirectory> {
  const simulators = await startDemoSimulators();
  const root = await mkdtemp(join(tmpdir(), 'mse-bind-directory-site-'));
  let runs = 0;
  const nextDir = async (): Promise<string> => {
    const dir = join(root, `run-${runs++}`);
    await mkdir(dir);
    return dir;
  };

  /**
   * One CA file for the whole site (the setting is shared): the simulators' CA plus the
   * directory's, if trusted. Without one it is the simulators' own file, a stable path.
   */
  const caFileFor = async (directory: DirectoryUnderTest, dir: string): Promise<string> => {
    if ((directory.caFiles ?? []).length === 0) return simulators.summary.caFile;
    const pems = [simulators.summary.caFile, ...(directory.caFiles ?? [])];
    const joined = (await Promise.all(pems.map((file) => readFile(file, 'utf8')))).join('\n');
    const file = join(dir, 'ca.pem');
    await writeFile(file, joined);
    return file;
  };

  const openWizard = async (directory: DirectoryUnderTest): Promise<InkHarness> => {
    const dir = await nextDir();
    const settings: SiteSettings = {
      ...simulators.settings,
      directory: directory.settings,
      network: {...simulators.settings.network, caFile: await caFileFor(directory, dir)},
    };
    const secrets = {...simulators.secrets, directoryPassword: directory.password};
    const initial = initialState({
      values: formValuesFrom(settings, secrets),
      screen: 'credentials',
      email: simulators.admin.email,
    });
    const services = wizardServices({
      store: {stateDir: join(dir, 'state'), allowKeyFile: true, keyFileOnly: true},
      existing: null,
      intervalSeconds: 60,
      demo: null,
      warning: null,
    });
    // ASCII and no colour: the console of a Windows Server Core machine.
    const harness = renderInk(
      <TerminalCapsProvider value={{unicode: false, color: false}}>
        <App initial={initial} services={services} />
      </TerminalCapsProvider>,
      {columns: 80, rows: 25},
    );
    await harness.type(simulators.admin.password);
    return harness;
  };

  return {
    simulators,
    siteSecrets: [
      simulators.admin.password,
      simulators.secrets.appKey,
      simulators.secrets.exchangePassword,
    ],

    async cli(directory, options = {}) {
      const dir = await nextDir();
      const config = join(dir, 'site.json');
      await writeSettingsFile(config, simulators.settings);
      const {settings: d} = directory;
      // prettier-ignore
      const args = [
        'bind', '--non-interactive', '--config', config,
        '--email', simulators.admin.email, '--password-stdin',
        '--state-dir', join(dir, 'state'), '--allow-key-file',
        '--directory-type', d.type, '--directory-host', d.host,
        '--directory-port', String(d.port), '--directory-tls', d.tlsMode,
        `--base-dn=${d.baseDn}`, '--directory-user', d.bindName,
        '--ca-file', await caFileFor(directory, dir),
      ];
      const {secrets, admin} = simulators;
      const lines = [admin.password, directory.password, secrets.exchangePassword, secrets.appKey];
      return runCli(args, {input: `${lines.join('\n')}\n`, env: noKeychain, ...options});
    },

    openWizard,

    async wizard(directory, done = resultScreenShown) {
      const harness = await openWizard(directory);
      try {
        await harness.type(ENTER);
        const frame = await harness.waitForFrame(done, {timeoutMs: 30_000});
        return {frame, frames: harness.frames()};
      } finally {
        harness.unmount();
      }
    },

    async close() {
      await simulators.close();
      await rm(root, {recursive: true, force: true});
    },
  };
}
