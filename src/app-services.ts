import type {BindDeps} from './bind/bind-deps.js';
import type {BindingRecord, EngineState} from './storage/binding-record.js';

/** What the wizard needs from outside React: the side effects, and facts to show. */
export type AppServices = {
  readonly deps: BindDeps;
  /** The saved binding the wizard started from, if any. */
  readonly existing: BindingRecord | null;
  readonly saveEngineState: (state: EngineState) => Promise<void>;
  readonly healthIntervalMs: number;
  /** Demo only: the simulator's administrator, named as a hint on the credentials screen. */
  readonly demo: {readonly email: string} | null;
  /** A warning shown on every screen, e.g. that the data key is kept in a file. */
  readonly warning: string | null;
};
