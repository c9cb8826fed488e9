import {mkdtemp, rm} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';

import {writeSettingsFile} from '../../src/bind/settings-file.js';
import type {DemoSimulators} from '../../src/simulators/start-all.js';
import {startDemoSimulators} from '../../src/simulators/start-all.js';

/** The simulators, a temporary directory, and a settings file in it that points at them. */
export type SimulatedSite = {
  readonly sims: DemoSimulators;
  readonly root: string;
  /** site.json in `root`, as `simulate --write-config` writes it. */
  readonly config: string;
  /** Stops the simulators and removes the directory. */
  close(): Promise<void>;
};

export async function startSimulatedSite(prefix: string): Promise<SimulatedSite> {
  const sims = await startDemoSimulators();
  const root = await mkdtemp(join(tmpdir(), prefix));
  const config = join(root, 'site.json');
  await writeSettingsFile(config, sims.settings);
  return {
    sims,
    root,
    config,
    async close() {
      await sims.close();
      await rm(root, {recursive: true, force: true});
    },
  };
}
