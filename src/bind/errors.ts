/**
 * Every failure is classified once, where it is caught. The class picks the message shown, the
 * fix offered and the exit code of the non-interactive commands.
 */
export type ErrorClass =
  | 'input'
  | 'network'
  | 'tls'
  | 'auth-scheme'
  | 'credentials'
  | 'account-state'
  | 'permission'
  | 'not-found'
  | 'rate-limited'
  | 'server'
  | 'storage'
  | 'cancelled';

/** Exit codes of the non-interactive commands, one per class; documented in the README. */
export const exitCodes: Readonly<Record<ErrorClass, number>> = {
  input: 2,
  network: 3,
  tls: 4,
  'auth-scheme': 5,
  credentials: 6,
  'account-state': 7,
  permission: 8,
  'not-found': 9,
  'rate-limited': 10,
  server: 11,
  storage: 12,
  cancelled: 130,
};

export type BindErrorOptions = {
  /** The underlying error, kept for diagnostics; its message must hold no secret. */
  readonly cause?: unknown;
  /**
   * The setting most likely at fault, when the thrower knows better than the class alone
   * (a form field id such as `ewsUrl`, `caFile`, `mailbox`, `baseDn`, or `email` / `password`
   * for the administrator's credentials). The result screen's fix key goes there.
   */
  readonly setting?: string;
};

/**
 * A classified failure: `message` says what went wrong in plain language, `fix` says what the
 * administrator should change. Neither may contain a secret.
 */
export class BindError extends Error {
  override readonly name = 'BindError';

  readonly setting: string | undefined;

  constructor(
    readonly errorClass: ErrorClass,
    message: string,
    readonly fix: string,
    options: BindErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : {cause: options.cause});
    this.setting = options.setting;
  }
}

export function cancelledError(): BindError {
  return new BindError('cancelled', 'Cancelled.', 'Run the bind again when ready.');
}

/** True when an error comes from an aborted signal (ours or a library's wrapper of it). */
export function isAbortError(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error.name === 'AbortError' || (error as {code?: unknown}).code === 'ABORT_ERR')
  );
}
