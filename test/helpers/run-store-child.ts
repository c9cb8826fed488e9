import {execFile} from 'node:child_process';
import {fileURLToPath} from 'node:url';
import type {ErrorClass} from '../../src/bind/errors.js';
import type {BindingRecord} from '../../src/storage/binding-record.js';

export type StoreChildRequest = {
  readonly op:
    | 'save'
    | 'load'
    | 'status'
    | 'delete'
    | 'open-keychain'
    | 'keychain-entry'
    | 'check-key-storage';
  readonly stateDir: string;
  readonly allowKeyFile: boolean;
  readonly record?: BindingRecord;
  /** For 'keychain-entry': the account whose raw entry keytar should read. */
  readonly account?: string;
};

export type StoreChildOutcome =
  | {readonly ok: true; readonly value: unknown}
  | {
      readonly ok: false;
      readonly error: {errorClass: ErrorClass | null; message: string; fix: string};
    };

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const childScript = fileURLToPath(new URL('./store-child.ts', import.meta.url));

/**
 * Runs a store operation in a fresh Node process whose environment is this one's with the
 * given changes (undefined removes a variable).
 */
export function runStoreChild(
  request: StoreChildRequest,
  envChanges: Readonly<Record<string, string | undefined>>,
): Promise<StoreChildOutcome> {
  const env = {...process.env};
  for (const [name, value] of Object.entries(envChanges)) {
    if (value === undefined) delete env[name];
    else env[name] = value;
  }

  return new Promise((resolve, reject) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', childScript],
      {cwd: projectRoot, env, timeout: 30_000},
      (error, stdout, stderr) => {
        if (error) reject(new Error(`store child failed: ${error.message}\n${stderr}`));
        else resolve(JSON.parse(stdout) as StoreChildOutcome);
      },
    );
    child.stdin?.end(JSON.stringify(request));
  });
}

/** A D-Bus address nothing listens on: the machine has a bus variable but no bus. */
export function deadBusAddress(dir: string): string {
  return `unix:path=${dir}/no-such-bus`;
}
