import assert from 'node:assert/strict';
import {test} from 'node:test';
import {
  defaultRetryPolicy,
  retryDelayMs,
  type FailedAttempt,
} from '../../../src/bind/mimecast/retry-policy.js';

/** A failure of a call that is safe to repeat, on the given try. */
function failed(attempt: number, changes: Partial<FailedAttempt> = {}): FailedAttempt {
  return {
    attempt,
    status: 503,
    rateLimitResetMs: null,
    retryable: false,
    idempotent: true,
    ...changes,
  };
}

test('5xx on a repeatable call: 500 ms, then 1 s, then give up', () => {
  const schedule = [0, 1, 2, 3].map((attempt) => retryDelayMs(failed(attempt), defaultRetryPolicy));
  assert.deepEqual(schedule, [500, 1_000, null, null]);
});

test('the backoff doubles from the policy base, for as many retries as it allows', () => {
  const policy = {...defaultRetryPolicy, serverBackoffMs: 40, serverRetries: 4};
  const schedule = [0, 1, 2, 3, 4].map((attempt) => retryDelayMs(failed(attempt), policy));
  assert.deepEqual(schedule, [40, 80, 160, 320, null]);
});

test('a fail entry marked retryable waits like a 5xx, whatever the HTTP status', () => {
  assert.equal(retryDelayMs(failed(0, {status: 200, retryable: true}), defaultRetryPolicy), 500);
  assert.equal(retryDelayMs(failed(1, {status: 200, retryable: true}), defaultRetryPolicy), 1_000);
});

test('a call that is not safe to repeat (login, logout) is never retried after a 5xx', () => {
  for (const attempt of [0, 1]) {
    assert.equal(retryDelayMs(failed(attempt, {idempotent: false}), defaultRetryPolicy), null);
  }
});

test('other failures are not retried at all', () => {
  for (const status of [400, 401, 403, 404, 418]) {
    assert.equal(retryDelayMs(failed(0, {status}), defaultRetryPolicy), null, `HTTP ${status}`);
  }
});

test('429 waits X-RateLimit-Reset (or the fallback), a bounded number of times', () => {
  const limited = (attempt: number, resetMs: number | null) =>
    retryDelayMs(
      failed(attempt, {status: 429, rateLimitResetMs: resetMs, idempotent: false}),
      defaultRetryPolicy,
    );
  assert.equal(limited(0, 250), 250);
  assert.equal(limited(1, 10_000), 10_000, 'the longest wait waited out');
  assert.equal(limited(0, 10_001), null, 'a longer one is reported instead');
  assert.equal(limited(0, null), 1_000);
  assert.equal(limited(2, 250), null);
});
