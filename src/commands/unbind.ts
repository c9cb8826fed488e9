import {BindError, exitCodes} from '../bind/errors.js';
import {cancelOnStopSignals} from './stop-signals.js';
import type {CommonOptions} from '../cli.js';
import {logout} from '../bind/mimecast/index.js';
import type {BindingRecord} from '../storage/binding-record.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {deleteBindingFiles, loadBinding, type StoreOptions} from '../storage/binding-store.js';
import {lockSite} from '../storage/site-lock.js';
import {DamagedBindingError} from '../storage/damaged-binding.js';
import {askConfirmation} from './confirm.js';
import {adviceContext, adviceFor} from './advice.js';
import {applySettingsFlags, type SettingsFlags} from './settings-flags.js';
import {describeLocalRemoval, notLoggedOutAtMimecast} from './local-removal.js';
import {
  hasLeftBindings,
  logOutLeftBindings,
  readLeftBindings,
  type LeftBindings,
} from './left-logout.js';

type Store = StoreOptions & {readonly signal: AbortSignal};

const logoutTimeoutMs = 30_000;

/** A result line on stdout, with the commands it names as they can be run from here. */
function say(line: string, options: CommonOptions): void {
  process.stdout.write(`${adviceFor(line, adviceContext(options.stateDir))}\n`);
}

/** True to go on; false when the administrator declined or cancelled (already said so). */
async function confirmed(what: string, question: string, options: CommonOptions, store: Store) {
  if (options.yes) return true;
  if (!process.stdin.isTTY) {
    throw new BindError(
      'input',
      `${what} needs confirmation, and there is no terminal to ask on.`,
      'Pass --yes to unbind from a script.',
    );
  }
  // The question on lines of its own keeps the prompt short, so the answer stays in view.
  process.stderr.write(`${question}\n`);
  if ((await askConfirmation('Type yes to go on: ', store.signal)) === 'yes') return true;
  process.stderr.write('mse-bind: not unbound.\n');
  return false;
}

/**
 * The way out of a binding that cannot be read: only its files can go, since logging out at
 * Mimecast needs the keys inside them. Any storage failure qualifies with --local-only, which
 * asks for exactly that; without it only damage does, because a locked keychain or a file
 * permission has a better fix than deleting a good binding.
 */
async function forgetUnreadable(error: BindError, options: CommonOptions, store: Store) {
  process.stderr.write(
    `mse-bind: ${error.message}\nThe local binding cannot be read, so unbind can only remove ` +
      `its files here. ${notLoggedOutAtMimecast}\n`,
  );
  const question = `Remove the local binding from ${store.stateDir}?`;
  if (!(await confirmed('Removing the local binding', question, options, store))) {
    return exitCodes.cancelled;
  }

  const removed = await deleteBindingFiles(store);
  const removal = describeLocalRemoval(removed, store.stateDir);
  const again = 'Bind the site again with `mse-bind`, or `mse-bind bind --non-interactive`.';
  say(`${removal} Not logged out at Mimecast. ${again}`, options);
  return 0;
}

/** --local-only with a readable binding: forget it here, leave Mimecast alone. */
async function forgetLocally(site: string, options: CommonOptions, store: Store) {
  const question =
    `Forget ${site} here without logging it out at Mimecast? ${notLoggedOutAtMimecast} The ` +
    'engine stops syncing until the site is bound again.';
  if (!(await confirmed(`Forgetting ${site}`, question, options, store))) {
    return exitCodes.cancelled;
  }

  const removed = await deleteBindingFiles(store);
  const removal = describeLocalRemoval(removed, store.stateDir);
  say(`Forgot ${site} here; not logged out at Mimecast. ${removal}`, options);
  return 0;
}

/**
 * Logs the binding out; the words for the result line, or a classified failure. The CA file and
 * proxy may be given for this one call, in place of the saved ones: the network may have
 * changed since the bind, and unbind is no time to require a re-bind.
 */
async function logOutAtMimecast(
  record: BindingRecord,
  overrides: SettingsFlags,
  signal: AbortSignal,
): Promise<string> {
  try {
    await logout({
      regionApi: record.account.regionApi,
      appId: record.binding.appId,
      appKey: record.secrets.appKey,
      binding: record.binding,
      signal: AbortSignal.any([signal, AbortSignal.timeout(logoutTimeoutMs)]),
      network: applySettingsFlags(record.settings, overrides).network,
    });
    return 'logged out at Mimecast';
  } catch (error) {
    if (!(error instanceof BindError) || error.errorClass === 'cancelled') throw error;
    // A binding Mimecast no longer honours is as good as logged out.
    if (error.errorClass === 'credentials' || error.errorClass === 'account-state') {
      return 'already invalid at Mimecast';
    }
    const option =
      error.setting === 'caFile'
        ? '--ca-file FILE'
        : error.setting === 'proxyUrl'
          ? '--proxy URL'
          : null;
    const fix =
      option === null
        ? `${error.fix} Then run mse-bind unbind again`
        : `Give a working one for the logout: mse-bind unbind ${option}`;
    throw new BindError(
      error.errorClass,
      `The binding could not be logged out at Mimecast: ${error.message} Nothing was removed.`,
      `${fix}; if Mimecast stays out of reach, ` +
        '`mse-bind unbind --local-only` forgets the binding here without logging it out.',
      {cause: error},
    );
  }
}

async function unbind(
  options: CommonOptions,
  overrides: SettingsFlags,
  store: Store,
): Promise<number> {
  let record: BindingRecord | null;
  try {
    record = await loadBinding(store);
  } catch (error) {
    const storage = error instanceof BindError && error.errorClass === 'storage';
    if (error instanceof DamagedBindingError || (storage && options.localOnly)) {
      return forgetUnreadable(error, options, store);
    }
    throw error;
  }
  const left = await readLeftBindings(store);
  if (!record) {
    if (hasLeftBindings(left)) return forgetLeftBindings(left, options, overrides, store);
    process.stderr.write(`mse-bind: nothing is bound in ${store.stateDir}.\n`);
    return exitCodes['not-found'];
  }

  const site = `${record.settings.siteName} (${record.account.name}, ${record.account.code})`;
  if (options.localOnly) return forgetLocally(site, options, store);

  const question =
    `Unbind ${site}? The binding is logged out at Mimecast and deleted here; the engine ` +
    'stops syncing until the site is bound again.';
  if (!(await confirmed(`Unbinding ${site}`, question, options, store))) {
    return exitCodes.cancelled;
  }

  // First, while a cancel still leaves everything here as it was.
  const leftWords = await logOutLeftBindings(left, record, overrides, store.signal);
  const atMimecast = await logOutAtMimecast(record, overrides, store.signal);
  // Once Mimecast has forgotten the binding, Ctrl+C no longer stops the local removal: keeping
  // files that open a dead binding would help nobody.
  await deleteBindingFiles({...store, signal: undefined});
  process.stdout.write(
    [`Unbound ${site}: ${atMimecast}; removed from ${store.stateDir}.`, ...leftWords].join(' ') +
      '\n',
  );
  return 0;
}

/**
 * Nothing is bound, but failed binds left bindings at Mimecast that this state directory
 * remembers: log them out where possible (not with --local-only) and forget them.
 */
async function forgetLeftBindings(
  left: LeftBindings,
  options: CommonOptions,
  overrides: SettingsFlags,
  store: Store,
) {
  const what = 'the bindings failed binds left at Mimecast';
  const question = options.localOnly
    ? `Forget ${what} here without logging them out? ${notLoggedOutAtMimecast}`
    : `Log out ${what} and forget them here? Nothing is bound in ${store.stateDir}.`;
  if (!(await confirmed(`Forgetting ${what}`, question, options, store))) {
    return exitCodes.cancelled;
  }

  const words = options.localOnly
    ? []
    : await logOutLeftBindings(left, null, overrides, store.signal);
  const removed = await deleteBindingFiles({...store, signal: undefined});
  say([...words, describeLocalRemoval(removed, store.stateDir)].join(' '), options);
  return 0;
}

/**
 * Logs the binding out at Mimecast, then forgets it here. When Mimecast cannot be reached the
 * local binding is kept, so that nothing is lost and the logout can be tried again; --local-only
 * skips the logout. A binding that cannot be read can only be removed locally.
 */
export async function runUnbind(
  options: CommonOptions,
  overrides: SettingsFlags = {},
): Promise<number> {
  const stateDir = resolveStateDir(options.stateDir);
  const controller = new AbortController();
  const releaseSignals = cancelOnStopSignals(() => controller.abort());
  const store: Store = {stateDir, allowKeyFile: options.allowKeyFile, signal: controller.signal};

  try {
    // Held from before the binding is read until its files are gone, so that a bind or
    // re-bind running now stops unbind before it sends anything: a logout first and a busy
    // lock then would leave files naming a binding Mimecast has forgotten, and a logout of
    // a binding a running bind is reusing would break that bind. The question is asked
    // under it too, so what was confirmed is what is removed.
    const lock = await lockSite(store.stateDir, {wait: true, create: false});
    try {
      return await unbind(options, overrides, store);
    } finally {
      await lock.release();
    }
  } catch (error) {
    if (!(error instanceof BindError) || error.errorClass !== 'cancelled') throw error;
    process.stderr.write('mse-bind: not unbound; nothing was removed.\n');
    return exitCodes.cancelled;
  } finally {
    releaseSignals();
  }
}
