import {randomBytes} from 'node:crypto';
import {readFile, readdir, rm, truncate, writeFile} from 'node:fs/promises';
import {join} from 'node:path';
import {openEnvelope, sealEnvelope} from '../../src/storage/crypto.js';

/**
 * The ways a tester (or a disk, or a hand) damages a state directory bound with a key file,
 * each with the words the storage layer uses for it.
 */
export type DamageKind = {
  readonly name: string;
  damage(stateDir: string): Promise<void>;
  /** What the storage error's message says about this damage. */
  readonly message: RegExp;
};

const dataFile = (stateDir: string) => join(stateDir, 'binding.enc');
const keyFile = (stateDir: string) => join(stateDir, 'binding.key');

/** Re-encrypts the record with its own key after changing it: only a valid key can do that. */
async function rewriteRecord(stateDir: string, change: (record: Record<string, unknown>) => void) {
  const key = await readFile(keyFile(stateDir));
  const path = dataFile(stateDir);
  const record = JSON.parse(openEnvelope(await readFile(path), key, path).toString('utf8'));
  change(record);
  await writeFile(path, sealEnvelope(Buffer.from(JSON.stringify(record)), key, 'key-file'));
}

export const damageKinds: readonly DamageKind[] = [
  {
    name: 'binding.enc truncated',
    damage: async (dir) =>
      truncate(dataFile(dir), Math.floor((await readFile(dataFile(dir))).length / 2)),
    message: /is truncated/,
  },
  {
    name: 'a byte of binding.enc flipped',
    damage: async (dir) => {
      const file = await readFile(dataFile(dir));
      const last = file.length - 1;
      file[last] = (file[last] ?? 0) ^ 0xff;
      await writeFile(dataFile(dir), file);
    },
    message: /failed its integrity check/,
  },
  {
    name: 'binding.key deleted',
    damage: (dir) => rm(keyFile(dir)),
    message: /its key file .* is missing/,
  },
  {
    name: 'binding.enc deleted, binding.key left',
    damage: (dir) => rm(dataFile(dir)),
    message: /A data key for this state directory is in .*binding\.key, but the binding file/,
  },
  {
    name: 'binding.key cut short',
    damage: (dir) => truncate(keyFile(dir), 7),
    message: /The key file .* is damaged/,
  },
  {
    name: 'an unknown schema version',
    damage: (dir) => rewriteRecord(dir, (record) => (record.schemaVersion = 99)),
    message: /has schema version 99/,
  },
];

/** Every file of a state directory and its bytes, to prove nothing was touched. */
export async function snapshotStateDir(stateDir: string): Promise<Map<string, string>> {
  const names = (await readdir(stateDir)).sort();
  const contents = await Promise.all(names.map((name) => readFile(join(stateDir, name))));
  return new Map(names.map((name, index) => [name, contents[index]?.toString('hex') ?? '']));
}

/**
 * A binding file whose header puts its data key in the OS keychain, for a process that has no
 * keychain: unreadable, yet not damaged.
 */
export async function writeKeychainBindingFile(stateDir: string): Promise<void> {
  const sealed = sealEnvelope(Buffer.from('{}'), randomBytes(32), 'keychain');
  await writeFile(dataFile(stateDir), sealed, {mode: 0o600});
}
