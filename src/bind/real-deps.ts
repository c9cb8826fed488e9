import {checkBinding, findAccount, logout, registerBinding} from './mimecast/index.js';
import {validateDirectory} from './directory.js';
import {validateExchange} from './exchange.js';
import {createNetworkPath} from './http/dispatcher.js';
import {preflight} from './preflight.js';
import type {BindDeps} from './bind-deps.js';
import type {StoreOptions} from '../storage/binding-store.js';
import {saveBinding} from '../storage/binding-store.js';
import {describeSave} from '../storage/describe-save.js';

/** The real outside world: Mimecast, the directory, Exchange, and the encrypted store. */
export function realDeps(store: StoreOptions): BindDeps {
  return {
    findAccount,
    registerBinding,
    checkBinding,
    logout,
    validateDirectory,
    validateExchange,
    saveBinding: async (record) => describeSave(await saveBinding(record, store)),
    openNetworkPath: createNetworkPath,
    preflight,
  };
}
