import {BindError, type BindErrorOptions} from '../bind/errors.js';

/**
 * A local binding that exists but can never be read back as it is: a tampered, truncated or
 * unknown file, half of it missing, or a data key left without its file. Only restoring the
 * files or removing them helps, so `mse-bind unbind` branches on this type to offer removal.
 *
 * Failures that go away once something outside the files changes (a locked keychain, file
 * permissions) stay plain storage errors: their own fix is the way out.
 */
export class DamagedBindingError extends BindError {
  constructor(message: string, fix: string, options: BindErrorOptions = {}) {
    super('storage', message, fix, options);
  }
}

/** The way out of every damaged state, worded to end a fix sentence. */
export const removeDamagedBinding =
  'run `mse-bind unbind` to remove the damaged local binding, then bind the site again';
