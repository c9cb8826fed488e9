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
   * The whole count of mail-enabled users over every page (the one search, without paging).
   * Counting stops, with a lower bound, when it is spent.
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

/**
 * Room left between the time limit a search asks of the server and the client's own wait: the
 * answer's way back, and servers that read their clock once a second (slapd does).
 */
const serverAnswerMarginMs = 2_000;

/**
 * The time limit a search request asks of the server, in whole seconds (LDAP has no finer unit),
 * when the client waits `clientMs` for its answer. It is shorter than that wait, so a server that
 * runs out of time says so (result 3, timeLimitExceeded, with its own message) before the client
 * gives up on it as silent.
 * Limitation: LDAP cannot ask for less than 1 s (0 means no limit), so a wait under 3 s keeps
 * less than the full margin, and one under 1 s ends before the server's limit.
 */
export function serverTimeLimitSeconds(clientMs: number): number {
  return Math.max(1, Math.floor((clientMs - serverAnswerMarginMs) / 1000));
}
