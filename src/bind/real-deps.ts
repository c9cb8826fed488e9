import type {BindDeps} from './bind-deps.js';
import type {StoreOptions} from '../storage/binding-store.js';
import {saveBinding} from '../storage/binding-store.js';
import {describeSave} from '../storage/describe-save.js';
import {lockSite} from '../storage/site-lock.js';
import {
  forgetPendingBindings,
  loadPendingBindings,
  rememberPendingBinding,
} from '../storage/pending-store.js';

// The network clients (undici, ldapts, the XML and NTLM libraries) are most of the bundle.
// They load when a step first needs them, so the wizard's first frame does not wait for them.
const mimecast = () => import('./mimecast/index.js');
const directory = () => import('./directory.js');
const exchange = () => import('./exchange.js');
const networkPath = () => import('./http/dispatcher.js');
const connectivity = () => import('./preflight.js');

/** The real outside world: Mimecast, the directory, Exchange, and the encrypted store. */
export function realDeps(store: StoreOptions): BindDeps {
  return {
    findAccount: async (args) => (await mimecast()).findAccount(args),
    registerBinding: async (args) => (await mimecast()).registerBinding(args),
    checkBinding: async (args) => (await mimecast()).checkBinding(args),
    logout: async (args) => (await mimecast()).logout(args),
    validateDirectory: async (...args) => (await directory()).validateDirectory(...args),
    validateExchange: async (...args) => (await exchange()).validateExchange(...args),
    lockSite: () => lockSite(store.stateDir, {wait: false, create: true}),
    saveBinding: async (record) => describeSave(await saveBinding(record, store)),
    pendingBindings: {
      load: () => loadPendingBindings(store),
      remember: (left) => rememberPendingBinding(left, store),
      forget: (identity) => forgetPendingBindings(identity, store),
    },
    openNetworkPath: async (...args) => (await networkPath()).createNetworkPath(...args),
    preflight: async (...args) => (await connectivity()).preflight(...args),
  };
}
