import {resolve} from 'node:path';
import envPaths from 'env-paths';

/** Environment variable that moves the state directory (tests and side-by-side installs). */
export const stateDirVariable = 'MSE_BIND_STATE_DIR';

/**
 * Where the encrypted binding lives: the explicit option, then `MSE_BIND_STATE_DIR`, then the
 * platform's config directory (`$XDG_CONFIG_HOME/mse-bind`, `%APPDATA%\mse-bind\Config`, …).
 * Always absolute, because the keychain entry for the data key is named after this path.
 */
export function resolveStateDir(option?: string, env: NodeJS.ProcessEnv = process.env): string {
  if (option) return resolve(option);

  const fromEnv = env[stateDirVariable];
  if (fromEnv) return resolve(fromEnv);

  return resolve(envPaths('mse-bind', {suffix: ''}).config);
}
