import type {AppServices} from '../app-services.js';
import {realDeps} from '../bind/real-deps.js';
import type {StoreOptions} from '../storage/binding-store.js';
import {setEngineState} from '../storage/binding-store.js';
import type {BindingRecord} from '../storage/binding-record.js';

export const defaultHealthIntervalSeconds = 60;

export type WizardServicesOptions = {
  readonly store: StoreOptions;
  readonly existing: BindingRecord | null;
  readonly intervalSeconds: number;
  readonly demo: AppServices['demo'];
  readonly warning: string | null;
};

export function wizardServices(options: WizardServicesOptions): AppServices {
  return {
    deps: realDeps(options.store),
    existing: options.existing,
    saveEngineState: async (state) => {
      await setEngineState(state, options.store);
    },
    healthIntervalMs: options.intervalSeconds * 1000,
    demo: options.demo,
    warning: options.warning,
  };
}
