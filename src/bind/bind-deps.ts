import type {checkBinding, findAccount, logout, registerBinding} from './mimecast/index.js';
import type {validateDirectory} from './directory.js';
import type {validateExchange} from './exchange.js';
import type {BindingRecord} from '../storage/binding-record.js';
import type {BindingIdentity, PendingBinding} from '../storage/pending-binding.js';
import type {SiteLock} from '../storage/site-lock.js';
import type {createNetworkPath} from './http/dispatcher.js';
import type {preflight} from './preflight.js';

/** The bindings failed binds of the state directory left at Mimecast (pending-store.ts). */
export type PendingBindingStore = {
  /** Empty when nothing was left. */
  load(): Promise<readonly PendingBinding[]>;
  /** Replaces what is remembered for the binding's user, application and region. */
  remember(left: PendingBinding): Promise<void>;
  forget(identity: BindingIdentity): Promise<void>;
};

/**
 * What the pipeline and the engine call to reach the outside world. The real implementations
 * are wired in `real-deps.ts`; tests pass the same functions with their own storage options.
 */
export type BindDeps = {
  readonly findAccount: typeof findAccount;
  readonly registerBinding: typeof registerBinding;
  readonly checkBinding: typeof checkBinding;
  readonly logout: typeof logout;
  readonly validateDirectory: typeof validateDirectory;
  readonly validateExchange: typeof validateExchange;
  /**
   * Takes the state directory's lock for the whole bind, before anything is registered; throws
   * at once (a storage error) when another process holds it.
   */
  readonly lockSite: () => Promise<SiteLock>;
  /**
   * Saves the record and returns a one-line fact saying where it went; forgets the pending
   * bindings of the saved binding's user, application and region.
   */
  readonly saveBinding: (record: BindingRecord) => Promise<string>;
  /**
   * Where a binding left at Mimecast by a failed bind is kept for the next bind to refresh.
   * Absent where storage is replaced: nothing is remembered then.
   */
  readonly pendingBindings?: PendingBindingStore;
  /**
   * Opens the network path (CA file, proxy, one dispatcher) that steps 1 and 2 share. Absent
   * where the outside world is replaced: each Mimecast call then opens its own.
   */
  readonly openNetworkPath?: typeof createNetworkPath;
  /** The connectivity pre-check at the start of step 1; absent where the network is replaced. */
  readonly preflight?: typeof preflight;
};
