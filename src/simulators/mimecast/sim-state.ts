import type {IncomingHttpHeaders} from 'node:http';
import type {BindingStore} from './binding-store.js';
import type {SimDirectory} from './directory.js';
import type {RateLimiter} from './rate-limiter.js';
import type {SimReply} from './reply.js';

/** Everything the route handlers share. */
export type SimState = {
  readonly directory: SimDirectory;
  readonly bindings: BindingStore;
  readonly limiter: RateLimiter;
  /** How far x-mc-date may be from the simulator's clock (service-defaults.ts: [U]). */
  readonly maxClockSkewMs: number;
  /** Epoch ms; tests may move it. */
  readonly now: () => number;
  /** Base URL of the loopback server that plays a region, by grid code. */
  readonly regionUrl: (region: string) => string | undefined;
};

export type SimRequest = {
  readonly path: string;
  /** null on the global discovery host; the grid code on a regional host. */
  readonly region: string | null;
  readonly headers: IncomingHttpHeaders;
  readonly body: unknown;
};

export type Handler = (request: SimRequest, state: SimState) => SimReply;

export function header(request: SimRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** `data[0]` of the request body, if it is an object. */
export function firstItem(body: unknown): Record<string, unknown> {
  const data = (body as {data?: unknown} | null)?.data;
  const item: unknown = Array.isArray(data) ? data[0] : undefined;
  return typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
}

/** A string member looked up without regard to case: clients send `userName` and `username`. */
export function stringField(item: Record<string, unknown>, name: string): string | undefined {
  const key = Object.keys(item).find((candidate) => candidate.toLowerCase() === name.toLowerCase());
  const value = key === undefined ? undefined : item[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}
