/**
 * The explicit time limits of a directory check. ldapts' own defaults are the OS TCP timeout for
 * a connect and no limit at all for a request, and a DC that is down must not hang the bind.
 */
export type DirectoryTimeLimits = {
  /** TCP connect, plus the TLS handshake for LDAPS. */
  readonly connectMs: number;
  /** Each request: StartTLS, the rootDSE, the bind, and each page of the search. */
  readonly operationMs: number;
  /**
   * The whole count of mail-enabled users over every page. It is also sent to the server as the
   * search's time limit (in whole seconds). Counting stops, with a lower bound, when it is spent.
   */
  readonly searchMs: number;
};

export const defaultTimeLimits: DirectoryTimeLimits = {
  connectMs: 5_000,
  operationMs: 10_000,
  searchMs: 15_000,
};

/**
 * The limits to use: `timeoutMs` (one budget for everything, as tests and callers with a
 * deadline of their own use it) first caps the defaults, then `limits` overrides single ones.
 */
export function timeLimitsFrom(options: {
  readonly timeoutMs?: number | undefined;
  readonly timeLimits?: Partial<DirectoryTimeLimits> | undefined;
}): DirectoryTimeLimits {
  const cap = options.timeoutMs;
  const capped =
    cap === undefined
      ? defaultTimeLimits
      : {
          connectMs: Math.min(defaultTimeLimits.connectMs, cap),
          operationMs: cap,
          searchMs: cap,
        };
  return {...capped, ...options.timeLimits};
}

/** The server-side time limit of a search, in whole seconds (LDAP has no finer unit). */
export function serverTimeLimitSeconds(limits: DirectoryTimeLimits): number {
  return Math.max(1, Math.ceil(limits.searchMs / 1000));
}
