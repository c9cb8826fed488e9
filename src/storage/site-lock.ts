import {stat} from 'node:fs/promises';
import {join} from 'node:path';
import lockfile from 'proper-lockfile';
import {errorCode, fileError} from './file-error.js';
import {makeStateDir} from './make-state-dir.js';
import {SiteBusyError} from './site-busy.js';

/*
 * One process at a time may bind the site or change its saved binding: two binds at once would
 * each register a binding at Mimecast, and only the last one saved would be kept; the others
 * would stay registered there, counting against the administrator's binding cap.
 *
 * The lock is an empty directory, `<stateDir>/binding.lock`, made with mkdir (atomic on every
 * platform, Windows too) by proper-lockfile. Its holder touches it every few seconds; a lock
 * left untouched longer than `staleMs` belongs to a process that died without removing it
 * (SIGKILL, a power cut) and is taken over. A normal exit, and a signal, remove it.
 *
 * This module loads proper-lockfile when it is loaded, and with it signal-exit's signal
 * handlers: commands import the store statically, so those handlers come before a command's
 * own SIGINT handler and a Ctrl+C still reaches the command's cancel.
 *
 * Limitation: two processes that find the same stale lock at the same moment may both take it
 * over; only a lock left by a dead process can lead there.
 */

export const lockDirName = 'binding.lock';

/** A holder that stops touching its lock for this long is taken for dead (proper-lockfile's 10 s). */
export const defaultStaleMs = 10_000;

export type SiteLockOptions = {
  /**
   * Try again for about two seconds before giving up, for short changes of the saved binding;
   * a bind gives up at once, before it sends anything.
   */
  readonly wait: boolean;
  /**
   * Create the state directory (mode 0700) when it is missing, as a bind does. Otherwise a
   * missing directory holds nothing to protect, and the lock is a no-op.
   */
  readonly create: boolean;
  /** Tests shorten it; proper-lockfile's minimum is 2 s. */
  readonly staleMs?: number;
};

export type SiteLock = {
  /** Removes the lock; calling it again does nothing. */
  release(): Promise<void>;
};

// About two seconds in all: 100, 150, 225 ms, then 300 ms a try.
const briefRetries = {retries: 8, factor: 1.5, minTimeout: 100, maxTimeout: 300};

/**
 * Locks held by this process, by lock path. A second lock of the same directory here waits for
 * the first to be released instead of failing: after a cancel, the wizard's next bind may start
 * while the cancelled one still finishes its clean-up.
 */
const heldHere = new Map<string, Promise<void>>();

export function lockPath(stateDir: string): string {
  return join(stateDir, lockDirName);
}

async function exists(dir: string): Promise<boolean> {
  try {
    await stat(dir);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw fileError('read', dir, error);
  }
}

async function acquire(stateDir: string, options: SiteLockOptions) {
  // Checked first: proper-lockfile would retry a missing directory as if it were held.
  if (!options.create && !(await exists(stateDir))) return null;
  try {
    return await lockfile.lock(stateDir, {
      lockfilePath: lockPath(stateDir),
      // The state directory may not be canonical, and need not exist yet when not creating.
      realpath: false,
      stale: options.staleMs ?? defaultStaleMs,
      retries: options.wait ? briefRetries : 0,
      // The lock was not touched in time (a sleeping machine) or was taken over. The work under
      // it is under way and cannot be undone; releasing it later simply does nothing.
      onCompromised: () => undefined,
    });
  } catch (error) {
    if (errorCode(error) === 'ELOCKED') throw new SiteBusyError(stateDir, {cause: error});
    throw fileError('create', lockPath(stateDir), error);
  }
}

/**
 * Takes the state directory's lock, or throws SiteBusyError when another live process holds
 * it. The lock never holds anything: it is an empty directory.
 */
export async function lockSite(stateDir: string, options: SiteLockOptions): Promise<SiteLock> {
  const path = lockPath(stateDir);
  for (let held = heldHere.get(path); held; held = heldHere.get(path)) await held;

  let released!: () => void;
  heldHere.set(path, new Promise<void>((resolve) => (released = resolve)));
  const done = () => {
    heldHere.delete(path);
    released();
  };

  let unlock: (() => Promise<void>) | null;
  try {
    if (options.create) await makeStateDir(stateDir);
    unlock = await acquire(stateDir, options);
  } catch (error) {
    done();
    throw error;
  }

  let releasing: Promise<void> | null = null;
  return {
    release: () => {
      releasing ??= (async () => {
        try {
          // A compromised lock is already let go (ERELEASED), and one that cannot be removed
          // is no longer touched, so it goes stale and is taken over: nothing to report.
          await unlock?.().catch(() => undefined);
        } finally {
          done();
        }
      })();
      return releasing;
    },
  };
}

/** Runs `work` under the state directory's lock, waiting briefly for another holder. */
export async function withSiteLock<T>(stateDir: string, work: () => Promise<T>): Promise<T> {
  const lock = await lockSite(stateDir, {wait: true, create: false});
  try {
    return await work();
  } finally {
    await lock.release();
  }
}
