import {cancelledError} from '../errors.js';

/**
 * When a failed call is tried again. One place, so the numbers are easy to change.
 *
 * - 429: Mimecast did not run the function [C: rate-limiting page], so even a login may be
 *   repeated, after the X-RateLimit-Reset it sent.
 * - 5xx, or a `fail[]` error marked `retryable`: only calls that are safe to repeat
 *   (discovery, get-account). A login that got a 5xx may have created a binding, and a
 *   logout may have ended one, so neither is ever repeated.
 */
export type RetryPolicy = {
  /** How many times a 429 is waited out. */
  readonly rateLimitRetries: number;
  /** A longer X-RateLimit-Reset is not waited out here: the failure says how long to wait. */
  readonly maxRateLimitWaitMs: number;
  /** Wait after a 429 that carries no X-RateLimit-Reset. */
  readonly rateLimitFallbackMs: number;
  /** How many more tries a repeatable call gets after a server failure. */
  readonly serverRetries: number;
  /** Wait before the first such retry; doubled for each one after. */
  readonly serverBackoffMs: number;
};

export const defaultRetryPolicy: RetryPolicy = {
  rateLimitRetries: 2,
  maxRateLimitWaitMs: 10_000,
  rateLimitFallbackMs: 1_000,
  serverRetries: 2,
  serverBackoffMs: 500,
};

export type FailedAttempt = {
  /** 0 for the first try. */
  readonly attempt: number;
  readonly status: number;
  /** X-RateLimit-Reset in ms, when the reply had one. */
  readonly rateLimitResetMs: number | null;
  /** The first `fail[]` error said `retryable: true`. */
  readonly retryable: boolean;
  /** The call may be repeated without a side effect happening twice. */
  readonly idempotent: boolean;
};

/** How long to wait before trying again, or null to give up and report the failure. */
export function retryDelayMs(failed: FailedAttempt, policy: RetryPolicy): number | null {
  if (failed.status === 429) {
    if (failed.attempt >= policy.rateLimitRetries) return null;
    const wait = failed.rateLimitResetMs ?? policy.rateLimitFallbackMs;
    return wait <= policy.maxRateLimitWaitMs ? wait : null;
  }
  const serverFailure = failed.status >= 500 || failed.retryable;
  if (!serverFailure || !failed.idempotent || failed.attempt >= policy.serverRetries) return null;
  return policy.serverBackoffMs * 2 ** failed.attempt;
}

/** Waits, unless the signal fires first (then throws cancelled). */
export function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(cancelledError());
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelledError());
    };
    signal.addEventListener('abort', onAbort, {once: true});
  });
}
