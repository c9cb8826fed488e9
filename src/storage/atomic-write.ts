import {randomBytes} from 'node:crypto';
import {open, rename, rm, type FileHandle} from 'node:fs/promises';
import {basename, dirname, join} from 'node:path';
import {BindError, cancelledError} from '../bind/errors.js';
import {throwIfCancelled, wasCancelled} from './cancellation.js';
import {fileError} from './file-error.js';

export type AtomicWriteOptions = {
  /** Permission bits of the new file; 0600 unless told otherwise. */
  readonly mode?: number;
  readonly signal?: AbortSignal;
};

/** A hidden sibling of the target, so the final rename stays on one volume (and is atomic). */
function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
}

/**
 * Makes the rename itself durable. Directories cannot be opened for fsync on Windows, and some
 * file systems refuse it; the data is already on disk by then, so those cases are let go.
 */
async function syncDirectory(dir: string): Promise<void> {
  if (process.platform === 'win32') return;

  let handle: FileHandle | undefined;
  try {
    handle = await open(dir, 'r');
    await handle.sync();
  } catch {
    // Best effort, see above.
  } finally {
    await handle?.close().catch(() => undefined);
  }
}

/**
 * Replaces `target` with `data` so that a reader sees either the old file or the new one, never
 * a mix: write a temporary file beside it, flush it, rename it over the target, flush the
 * directory. On any failure (or cancellation before the rename) the old file is untouched and
 * the temporary file is removed.
 *
 * Limitation: on Windows the mode bits are not enforced; the file gets the directory's ACL,
 * which under the user's profile is private to that user.
 */
export async function atomicWriteFile(
  target: string,
  data: Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const {mode = 0o600, signal} = options;
  throwIfCancelled(signal);

  const tempPath = tempPathFor(target);
  let handle: FileHandle | undefined;
  try {
    handle = await open(tempPath, 'wx', mode);
    // The umask may have narrowed the mode further; set exactly what was asked.
    await handle.chmod(mode);
    await handle.writeFile(data, {signal});
    await handle.sync();
    await handle.close();
    handle = undefined;

    // The last point where cancelling is honoured: after the rename the new file is committed.
    throwIfCancelled(signal);
    await rename(tempPath, target);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await rm(tempPath, {force: true}).catch(() => undefined);
    if (wasCancelled(error, signal)) throw cancelledError();
    if (error instanceof BindError) throw error;
    throw fileError('write', target, error);
  }

  await syncDirectory(dirname(target));
}
