import {resolve} from 'node:path';
import envPaths from 'env-paths';
import {BindError} from '../bind/errors.js';

/** Environment variable that moves the state directory (tests and side-by-side installs). */
export const stateDirVariable = 'MSE_BIND_STATE_DIR';

/**
 * Where the encrypted binding lives: the explicit option, then `MSE_BIND_STATE_DIR`, then the
 * platform's config directory (`$XDG_CONFIG_HOME/mse-bind`, `%APPDATA%\mse-bind\Config`, …).
 * Always absolute, because the keychain entry for the data key is named after this path.
 *
 * The variable set but empty is refused, as an empty --state-dir is: it is a slip (a unit file
 * or script whose own variable was unset), and taking the default instead would act on another
 * site, one the administrator did not mean to bind, unbind or run.
 */
export function resolveStateDir(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return resolve(option);

  const fromEnv = env[stateDirVariable];
  if (fromEnv === '') {
    throw new BindError(
      'input',
      `${stateDirVariable} is set but empty.`,
      `Set ${stateDirVariable} to the state directory, or unset it to use the default one.`,
    );
  }
  if (fromEnv) return resolve(fromEnv);

  return resolve(envPaths('mse-bind', {suffix: ''}).config);
}
