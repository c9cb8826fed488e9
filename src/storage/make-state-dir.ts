import {lstat, mkdir, readlink, stat} from 'node:fs/promises';
import {dirname, resolve} from 'node:path';
import {BindError} from '../bind/errors.js';
import {errorCode, fileError} from './file-error.js';

/*
 * Creates the state directory and whatever parents it lacks, one level at a time.
 *
 * Not with mkdir's `recursive` option: Node 20's loops forever, at full CPU and deaf to SIGTERM,
 * when a parent exists but answers ENOENT to a new entry, as /proc and /sys do (`mkdir /proc/x`
 * ENOENT, `mkdir /proc` EEXIST, and round again). Here each level is tried at most twice, so a
 * path of n parts ends after at most 2n calls, and every way it can fail is named.
 */

const mode = 0o700;
const fileFix = 'Give --state-dir (or MSE_BIND_STATE_DIR) a directory, or move the file away.';
const volumeFix =
  'Give --state-dir (or MSE_BIND_STATE_DIR) a directory on a volume that holds files.';

type Attempt = 'made' | 'exists' | 'missing-parent';

async function makeOne(path: string, stateDir: string): Promise<Attempt> {
  try {
    await mkdir(path, {mode});
    return 'made';
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EEXIST') return 'exists';
    if (code === 'ENOENT') return 'missing-parent';
    if (code === 'ENOTDIR') throw await notADirectoryError(path, stateDir, error);
    throw fileError('create', stateDir, error);
  }
}

/**
 * Something is at `path`: fine when it is a directory or a link to one. A link to nothing is
 * refused rather than followed and its target created: it most often points at a volume that
 * is not mounted, and the binding would then be written to the disk beneath the mount point.
 */
async function checkDirectory(path: string, stateDir: string): Promise<void> {
  let isDirectory: boolean;
  try {
    isDirectory = (await stat(path)).isDirectory();
  } catch (error) {
    if (errorCode(error) !== 'ENOENT') throw fileError('create', stateDir, error);
    const target = await linkTarget(path);
    if (target === null) throw fileError('create', stateDir, error);
    throw cannotCreate(
      stateDir,
      `${path} is a symbolic link to ${target}, which does not exist`,
      `Create ${target} (or mount the volume it is on), or give --state-dir (or ` +
        'MSE_BIND_STATE_DIR) another directory.',
      error,
    );
  }
  if (!isDirectory) throw cannotCreate(stateDir, `${path} is a file, not a directory`, fileFix);
}

async function linkTarget(path: string): Promise<string | null> {
  try {
    if (!(await lstat(path)).isSymbolicLink()) return null;
    return resolve(dirname(path), await readlink(path));
  } catch {
    return null;
  }
}

/** ENOTDIR: names the part of the path that is a file, found from the top down. */
async function notADirectoryError(path: string, stateDir: string, cause: unknown) {
  const parts: string[] = [];
  for (let part = dirname(path); part !== dirname(part); part = dirname(part)) parts.unshift(part);
  for (const part of parts) {
    const found = await stat(part).catch(() => null);
    if (found && !found.isDirectory()) {
      return cannotCreate(stateDir, `${part} is a file, not a directory`, fileFix, cause);
    }
  }
  return fileError('create', stateDir, cause);
}

async function makeWithParents(path: string, stateDir: string): Promise<void> {
  const first = await makeOne(path, stateDir);
  if (first === 'made') return;
  if (first === 'exists') return checkDirectory(path, stateDir);

  const parent = dirname(path);
  if (parent === path) throw cannotCreate(stateDir, `${path} does not exist`, volumeFix);
  await makeWithParents(parent, stateDir);

  // The parent is there now; ENOENT again means it cannot hold a directory (/proc, /sys).
  const second = await makeOne(path, stateDir);
  if (second === 'made') return;
  if (second === 'exists') return checkDirectory(path, stateDir);
  throw cannotCreate(stateDir, `${parent} cannot hold a new directory`, volumeFix);
}

/** Creates the state directory (mode 0700) and its missing parents; an existing one is kept. */
export async function makeStateDir(stateDir: string): Promise<void> {
  await makeWithParents(resolve(stateDir), stateDir);
}

function cannotCreate(stateDir: string, reason: string, fix: string, cause?: unknown) {
  return new BindError(
    'storage',
    `Could not create the state directory ${stateDir}: ${reason}.`,
    fix,
    {cause},
  );
}
