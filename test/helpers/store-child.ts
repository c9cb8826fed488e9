/**
 * Runs one binding-store operation in a process of its own and prints the outcome as JSON. The
 * tests use it to see the store on a machine without a keychain: libsecret keeps its first
 * D-Bus connection for the life of a process, so that machine has to be another process.
 *
 * stdin: a StoreChildRequest as JSON. 'keychain-entry' reads one raw entry with keytar itself,
 * bypassing the adapter, to show what another process finds in the keyring.
 */
import {createRequire} from 'node:module';
import {text} from 'node:stream/consumers';
import {BindError} from '../../src/bind/errors.js';
import {
  deleteBinding,
  loadBinding,
  readStatus,
  saveBinding,
} from '../../src/storage/binding-store.js';
import {checkKeyStorage} from '../../src/storage/key-storage-check.js';
import {keychainService, openKeychain, type KeytarApi} from '../../src/storage/keychain.js';
import type {StoreChildRequest} from './run-store-child.js';

async function run(request: StoreChildRequest): Promise<unknown> {
  const options = {stateDir: request.stateDir, allowKeyFile: request.allowKeyFile};
  switch (request.op) {
    case 'save':
      if (!request.record) throw new Error('save needs a record');
      return saveBinding(request.record, options);
    case 'load':
      return loadBinding(options);
    case 'status':
      return readStatus(options);
    case 'delete':
      return deleteBinding(options);
    case 'check-key-storage':
      return checkKeyStorage(options);
    case 'open-keychain': {
      const keychain = await openKeychain();
      return keychain.available ? {available: true} : keychain;
    }
    case 'keychain-entry': {
      const keytar = createRequire(import.meta.url)('keytar') as KeytarApi;
      return keytar.getPassword(keychainService, request.account ?? '');
    }
  }
}

const request = JSON.parse(await text(process.stdin)) as StoreChildRequest;
try {
  process.stdout.write(JSON.stringify({ok: true, value: (await run(request)) ?? null}));
} catch (error) {
  const failure =
    error instanceof BindError
      ? {errorClass: error.errorClass, message: error.message, fix: error.fix}
      : {errorClass: null, message: String(error), fix: ''};
  process.stdout.write(JSON.stringify({ok: false, error: failure}));
}
