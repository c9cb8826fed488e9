import type {ServerResponse} from 'node:http';
import type {SimError} from './sim-errors.js';

/** A reply in the API 1.0 envelope `{meta: {status}, data, fail}`. */
export type SimReply = {
  /** HTTP status. */
  readonly status: number;
  /** `meta.status`: the function-level status, which may differ from HTTP 200. */
  readonly metaStatus: number;
  readonly data: readonly unknown[];
  readonly fail: readonly {readonly key?: unknown; readonly errors: readonly SimError[]}[];
  readonly headers: Readonly<Record<string, string>>;
};

export function okReply(data: readonly unknown[], headers: Record<string, string> = {}): SimReply {
  return {status: 200, metaStatus: 200, data, fail: [], headers};
}

/** A transport-level refusal: the HTTP status says it (401, 403, 418, 429, …). */
export function errorReply(
  status: number,
  error: SimError,
  headers: Record<string, string> = {},
): SimReply {
  return {status, metaStatus: status, data: [], fail: [{errors: [error]}], headers};
}

/** A function-level failure: HTTP 200 with `fail[]`, the real status in `meta.status`. */
export function functionFailure(
  metaStatus: number,
  error: SimError,
  key: unknown,
  headers: Record<string, string> = {},
): SimReply {
  return {status: 200, metaStatus, data: [], fail: [{key, errors: [error]}], headers};
}

export function withHeaders(reply: SimReply, headers: Record<string, string>): SimReply {
  return {...reply, headers: {...headers, ...reply.headers}};
}

export function writeReply(response: ServerResponse, reply: SimReply): void {
  const body = JSON.stringify({
    meta: {status: reply.metaStatus},
    data: reply.data,
    fail: reply.fail,
  });
  response.writeHead(reply.status, {
    ...reply.headers,
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(body)),
  });
  response.end(body);
}
