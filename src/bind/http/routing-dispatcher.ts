import {Dispatcher} from 'undici';

/**
 * One dispatcher in front of several: each request goes to the one its origin is routed to
 * (direct or through the proxy), so callers hold a single dispatcher for the whole bind and
 * keep-alive connections are shared wherever the origin is the same.
 */
export class RoutingDispatcher extends Dispatcher {
  readonly #route: (origin: URL) => Dispatcher;
  readonly #targets: () => readonly Dispatcher[];

  /** `targets` lists every dispatcher routed to so far, for close and destroy. */
  constructor(route: (origin: URL) => Dispatcher, targets: () => readonly Dispatcher[]) {
    super();
    this.#route = route;
    this.#targets = targets;
  }

  override dispatch(
    options: Dispatcher.DispatchOptions,
    handler: Dispatcher.DispatchHandler,
  ): boolean {
    return this.#route(new URL(String(options.origin))).dispatch(options, handler);
  }

  /** Lets requests in flight finish, then closes every connection. */
  override close(): Promise<void>;
  override close(callback: () => void): void;
  override close(callback?: () => void): Promise<void> | void {
    const done = Promise.all(this.#targets().map((target) => target.close())).then(() => undefined);
    if (callback === undefined) return done;
    void done.then(callback);
  }

  /** Aborts whatever is in flight and closes every connection at once. */
  override destroy(): Promise<void>;
  override destroy(error: Error | null): Promise<void>;
  override destroy(callback: () => void): void;
  override destroy(error: Error | null, callback: () => void): void;
  override destroy(first?: Error | null | (() => void), second?: () => void): Promise<void> | void {
    const error = typeof first === 'function' ? null : (first ?? null);
    const callback = typeof first === 'function' ? first : second;
    const done = Promise.all(this.#targets().map((target) => target.destroy(error))).then(
      () => undefined,
    );
    if (callback === undefined) return done;
    void done.then(callback);
  }
}
