import {createInterface} from 'node:readline/promises';
import {BindError, exitCodes} from '../bind/errors.js';
import type {CommonOptions} from '../cli.js';
import {logout} from '../bind/mimecast/index.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {deleteBinding, loadBinding} from '../storage/binding-store.js';

async function confirmed(question: string): Promise<boolean> {
  const prompt = createInterface({input: process.stdin, output: process.stderr});
  try {
    return (await prompt.question(question)).trim().toLowerCase() === 'yes';
  } finally {
    prompt.close();
  }
}

/**
 * Logs the binding out at Mimecast, then forgets it here. When Mimecast cannot be reached the
 * local binding is kept, so that nothing is lost and the logout can be tried again.
 */
export async function runUnbind(options: CommonOptions): Promise<number> {
  const store = {stateDir: resolveStateDir(options.stateDir), allowKeyFile: options.allowKeyFile};
  const record = await loadBinding(store);
  if (!record) {
    process.stderr.write(`mse-bind: nothing is bound in ${store.stateDir}.\n`);
    return exitCodes['not-found'];
  }
  const site = `${record.settings.siteName} (${record.account.name}, ${record.account.code})`;
  if (!options.yes) {
    if (!process.stdin.isTTY) {
      throw new BindError(
        'input',
        `Unbinding ${site} needs confirmation, and there is no terminal to ask on.`,
        'Pass --yes to unbind from a script.',
      );
    }
    const question =
      `Unbind ${site}? The binding is logged out at Mimecast and deleted here; the engine ` +
      'stops syncing until the site is bound again. Type yes to go on: ';
    if (!(await confirmed(question))) {
      process.stderr.write('mse-bind: not unbound.\n');
      return exitCodes.cancelled;
    }
  }

  let atMimecast = 'logged out at Mimecast';
  try {
    await logout({
      regionApi: record.account.regionApi,
      appId: record.binding.appId,
      appKey: record.secrets.appKey,
      binding: record.binding,
      signal: AbortSignal.timeout(30_000),
      network: record.settings.network,
    });
  } catch (error) {
    if (!(error instanceof BindError)) throw error;
    // A binding Mimecast no longer honours is as good as logged out.
    if (error.errorClass !== 'credentials' && error.errorClass !== 'account-state') {
      throw new BindError(
        error.errorClass,
        `The binding could not be logged out at Mimecast: ${error.message} Nothing was removed.`,
        `${error.fix} Then run mse-bind unbind again.`,
        {cause: error},
      );
    }
    atMimecast = 'already invalid at Mimecast';
  }
  await deleteBinding(store);
  process.stdout.write(`Unbound ${site}: ${atMimecast}; removed from ${store.stateDir}.\n`);
  return 0;
}
