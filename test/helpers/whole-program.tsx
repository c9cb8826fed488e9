/**
 * The whole program against the in-process simulators, for a site the test describes:
 * `mse-bind bind --non-interactive` (the built dist/cli.mjs, the settings as a settings file
 * and options, the secrets on stdin) and the wizard (the real App on fake streams, driven from
 * the credentials screen to the result screen).
 */
import {mkdir, mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {App} from '../../src/app.js';
import {formValuesFrom} from '../../src/bind/form.js';
import {initialState} from '../../src/bind/machine.js';
import type {SiteSecrets, SiteSettings} from '../../src/bind/settings.js';
import {writeSettingsFile} from '../../src/bind/settings-file.js';
import {wizardServices} from '../../src/commands/wizard-services.js';
import {TerminalCapsProvider} from '../../src/components/use-terminal-caps.js';
import {startDemoSimulators, type DemoSimulators} from '../../src/simulators/start-all.js';
import {ENTER, renderInk, type InkHarness} from './ink-harness.js';
import {noKeychain} from './no-keychain.js';
import {runCli, type CliOptions, type CliRun} from './run-cli.js';

/** What a run binds: the site settings and every secret, as an administrator enters them. */
export type SiteUnderTest = {
  readonly settings: SiteSettings;
  readonly secrets: SiteSecrets;
};

export type WizardRun = {
  /** The result screen (or the screen the wizard stopped on), as an 80x25 terminal shows it. */
  readonly frame: string;
  /** Every frame drawn, oldest first. */
  readonly frames: readonly string[];
};

export type CliBind = CliRun & {
  /** The state directory the run bound in, for `mse-bind status` afterwards. */
  readonly stateDir: string;
};

export type WholeProgram = {
  readonly simulators: DemoSimulators;
  /** The demo site's secrets: administrator password, application key, Exchange's two. */
  readonly siteSecrets: readonly string[];
  /** A fresh directory for one run's files, removed with the rest at `close`. */
  runDir(): Promise<string>;
  /** `bind --non-interactive` with the settings as `--config`, then `flags` over them. */
  cli(
    site: SiteUnderTest,
    flags?: readonly string[],
    options?: Pick<CliOptions, 'onSpawn'>,
  ): Promise<CliBind>;
  /** Binds in the wizard; waits until `done` holds for the frame (default: the result screen). */
  wizard(site: SiteUnderTest, done?: (frame: string) => boolean): Promise<WizardRun>;
  /** The wizard on its credentials screen with the password typed in, not yet submitted. */
  openWizard(site: SiteUnderTest): Promise<InkHarness>;
  close(): Promise<void>;
};

export const resultScreenShown = (frame: string): boolean =>
  frame.includes('ALL SETTINGS ARE VALID') || /\[x\] Step \d failed/.test(frame);

// No child may reach a real keychain: the D-Bus address leads nowhere, so storage falls back
// to the key file that --allow-key-file permits. Nor may the machine's proxy variables decide
// where a child's requests go: a run that wants a proxy gives the proxy setting.
const childEnvironment = {
  ...noKeychain,
  ...Object.fromEntries(
    ['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy', 'NO_PROXY', 'no_proxy'].map(
      (name) => [name, undefined],
    ),
  ),
};

export async function startWholeProgram(): Promise<WholeProgram> {
  const simulators = await startDemoSimulators();
  const root = await mkdtemp(join(tmpdir(), 'mse-bind-whole-program-'));
  let runs = 0;
  const runDir = async (): Promise<string> => {
    const dir = join(root, `run-${runs++}`);
    await mkdir(dir);
    return dir;
  };

  const openWizard = async ({settings, secrets}: SiteUnderTest): Promise<InkHarness> => {
    const dir = await runDir();
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
      simulators.secrets.exchangeClientSecret ?? '',
    ].filter((secret) => secret !== ''),
    runDir,

    async cli({settings, secrets}, flags = [], options = {}) {
      const dir = await runDir();
      const config = join(dir, 'site.json');
      const stateDir = join(dir, 'state');
      await writeSettingsFile(config, settings);
      // prettier-ignore
      const args = [
        'bind', '--non-interactive', '--config', config,
        '--email', simulators.admin.email, '--password-stdin',
        '--state-dir', stateDir, '--allow-key-file', ...flags,
      ];
      // In the order bind reads them; the OAuth client secret only when there is one.
      const lines = [
        simulators.admin.password,
        secrets.directoryPassword,
        secrets.exchangePassword,
        secrets.appKey,
        ...(secrets.exchangeClientSecret ? [secrets.exchangeClientSecret] : []),
      ];
      const input = `${lines.join('\n')}\n`;
      const run = await runCli(args, {input, env: childEnvironment, ...options});
      return {...run, stateDir};
    },

    openWizard,

    async wizard(site, done = resultScreenShown) {
      const harness = await openWizard(site);
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
