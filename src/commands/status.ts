import type {CommonOptions} from '../cli.js';
import {resolveStateDir} from '../storage/state-dir.js';
import {readStatus} from '../storage/binding-store.js';
import {formatStatus} from './format-status.js';
import {adviceContext, adviceFor} from './advice.js';

/** What is bound, without a single secret; `--json` for scripts. */
export async function runStatus(options: CommonOptions): Promise<number> {
  const store = {stateDir: resolveStateDir(options.stateDir), allowKeyFile: options.allowKeyFile};
  const status = await readStatus(store);
  if (options.json) {
    // `bound` comes first and is always there, so a script can test it either way.
    const json = status ? {bound: true, ...status} : {bound: false};
    process.stdout.write(`${JSON.stringify(json)}\n`);
  } else {
    const text = formatStatus(status, store.stateDir);
    // "Run `mse-bind` to bind this site" must bind this state directory, not the default one.
    process.stdout.write(status ? text : adviceFor(text, adviceContext(options.stateDir)));
  }
  return status ? 0 : 1;
}
