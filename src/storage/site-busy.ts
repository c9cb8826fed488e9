import {BindError} from '../bind/errors.js';

/**
 * Another process holds the state directory's lock: it is binding the site, or changing its
 * saved binding. Nothing is wrong with the files; waiting is the fix.
 */
export class SiteBusyError extends BindError {
  constructor(stateDir: string, options: {readonly cause?: unknown} = {}) {
    super(
      'storage',
      `Another mse-bind is binding or changing the site in ${stateDir} right now.`,
      'Wait for it to finish, then run this again.',
      options,
    );
  }
}
