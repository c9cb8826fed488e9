export type RateLimit = {
  /** Calls a user may make in a burst. */
  readonly limit: number;
  /** One call is credited back per this many milliseconds. */
  readonly resetMs: number;
};

export type RateDecision = {
  readonly allowed: boolean;
  /** X-RateLimit-Limit, -Remaining and -Reset (milliseconds), sent on every reply. */
  readonly headers: Record<string, string>;
};

type Bucket = {tokens: number; refilledAt: number};

/**
 * Mimecast's rate limit: a token bucket per user, counted across all of that user's keys,
 * refilled by at least one call per reset interval. The real limits are not public [U].
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();

  constructor(private readonly rate: RateLimit) {}

  take(user: string, now: number): RateDecision {
    const key = user.toLowerCase();
    const bucket = this.buckets.get(key) ?? {tokens: this.rate.limit, refilledAt: now};
    const credited = Math.floor((now - bucket.refilledAt) / this.rate.resetMs);
    if (credited > 0) {
      bucket.tokens = Math.min(this.rate.limit, bucket.tokens + credited);
      bucket.refilledAt += credited * this.rate.resetMs;
    }
    if (bucket.tokens >= this.rate.limit) bucket.refilledAt = now;
    const allowed = bucket.tokens > 0;
    if (allowed) bucket.tokens -= 1;
    this.buckets.set(key, bucket);
    const reset = Math.max(0, bucket.refilledAt + this.rate.resetMs - now);
    return {
      allowed,
      headers: {
        'X-RateLimit-Limit': String(this.rate.limit),
        'X-RateLimit-Remaining': String(bucket.tokens),
        'X-RateLimit-Reset': String(reset),
      },
    };
  }
}
