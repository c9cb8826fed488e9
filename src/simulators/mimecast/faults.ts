/**
 * Replies the simulator can be told to give instead of (or after) serving a request: what a
 * failing platform, a gateway or a proxy in between sends. Tests queue them per path.
 */
export type SimFault = {
  readonly status: number;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
  /**
   * Serve the request first and then send this reply instead of its own: a reply lost after
   * the function ran (a login that created a binding, then a 502 from a gateway).
   */
  readonly afterRunning?: boolean;
};

/** Ready-made faults, in the shapes the real things send. */
export const simFaults = {
  /** A platform failure in the API envelope [C: 5xx is a platform error]. */
  serverError: (status = 500, afterRunning = false): SimFault => ({
    status,
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({
      meta: {status},
      data: [],
      fail: [{errors: [{code: 'err_internal', message: 'Platform error', retryable: true}]}],
    }),
    afterRunning,
  }),
  /** 429 with the documented headers; the function did not run [C]. */
  rateLimited: (resetMs: number): SimFault => ({
    status: 429,
    headers: {
      'Content-Type': 'application/json',
      'X-RateLimit-Limit': '1',
      'X-RateLimit-Remaining': '0',
      'X-RateLimit-Reset': String(resetMs),
    },
    body: JSON.stringify({
      meta: {status: 429},
      data: [],
      fail: [{errors: [{code: 'err_rate_limit_exceeded', message: 'Rate limit exceeded'}]}],
    }),
  }),
  /** JSON cut off in the middle, as a reset connection behind a gateway leaves it. */
  malformedJson: (): SimFault => ({
    status: 200,
    headers: {'Content-Type': 'application/json'},
    body: '{"meta":{"status":200},"data":[{"accountCode":"CUK',
  }),
  /** A proxy's or gateway's own error page. */
  proxyErrorPage: (status = 502): SimFault => ({
    status,
    headers: {'Content-Type': 'text/html; charset=utf-8'},
    body: '<html><head><title>Bad Gateway</title></head><body><h1>Proxy Error</h1></body></html>',
  }),
  /** A redirect to somewhere else, which a client must not follow with its credentials. */
  redirect: (location: string): SimFault => ({
    status: 302,
    headers: {Location: location, 'Content-Type': 'text/html'},
    body: '',
  }),
};

/** Queued faults per request path; each is used once, in order. */
export class FaultQueue {
  private readonly byPath = new Map<string, SimFault[]>();

  add(path: string, faults: readonly SimFault[]): void {
    this.byPath.set(path, [...(this.byPath.get(path) ?? []), ...faults]);
  }

  take(path: string): SimFault | undefined {
    return this.byPath.get(path)?.shift();
  }

  clear(): void {
    this.byPath.clear();
  }
}
