import type {checkBinding, findAccount, logout, registerBinding} from './mimecast/index.js';
import type {validateDirectory} from './directory.js';
import type {validateExchange} from './exchange.js';
import type {BindingRecord} from '../storage/binding-record.js';

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
  /** Saves the record and returns a one-line fact saying where it went. */
  readonly saveBinding: (record: BindingRecord) => Promise<string>;
};
