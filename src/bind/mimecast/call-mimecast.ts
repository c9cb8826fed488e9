import {randomUUID} from 'node:crypto';
import {request} from 'undici';
import {cancelledError} from '../errors.js';
import type {NetworkPath} from '../http/dispatcher.js';
import type {NetworkEnvironment} from '../http/network-environment.js';
import type {NetworkSettings} from '../settings.js';
import type {CallContext} from './call-context.js';
import {classifyResponse, rateLimitResetMs, type MimecastReply} from './classify-response.js';
import {classifyTransportError} from './classify-transport-error.js';
import {readBody} from './envelope.js';
import {formatMimecastDate} from './mimecast-date.js';
import {requestHeaders} from './request-headers.js';
import {defaultRetryPolicy, pause, retryDelayMs, type RetryPolicy} from './retry-policy.js';
import type {ServerClock} from './server-clock.js';

export const defaultTimeoutMs = 15_000;

// A reply to any of these calls is a few kilobytes; a larger body is not one of them.
const maxReplyBytes = 1024 * 1024;

/** Transport options every exported call accepts. */
export type TransportOptions = {
  readonly signal: AbortSignal;
  /** Per request (each try of it); a timeout is reported as a network failure. */
  readonly timeoutMs?: number;
  /**
   * The network path of the whole bind, shared so that calls to one host reuse a connection.
   * Without it, each exported call opens its own from `network` and closes it afterwards.
   */
  readonly networkPath?: NetworkPath;
  /** CA file and proxy, used when no networkPath is given. */
  readonly network?: NetworkSettings;
  /** Proxy variables and NODE_EXTRA_CA_CERTS, when not from process.env (tests). */
  readonly networkEnv?: NetworkEnvironment;
  /** The clock used for `x-mc-date`; tests pin it. */
  readonly now?: () => Date;
  /** Told the Date header of every reply, so a caller learns how far off Mimecast it is. */
  readonly serverClock?: ServerClock;
  /** Overrides of the retry policy; tests shorten the waits. */
  readonly retry?: Partial<RetryPolicy>;
};

/** Only the transport options of a larger argument object, so no secret rides along. */
export function transportOf(args: TransportOptions): TransportOptions {
  const {signal, timeoutMs, networkPath, network, networkEnv, now, serverClock, retry} = args;
  return {signal, timeoutMs, networkPath, network, networkEnv, now, serverClock, retry};
}

export type MimecastCall = TransportOptions & {
  readonly networkPath: NetworkPath;
  /** An origin checked by parseApiBase. */
  readonly baseUrl: string;
  readonly path: `/api/${string}`;
  readonly appId: string;
  /** Builds the Authorization header from the date and request id; undefined sends none. */
  readonly authorization: (date: string, reqId: string) => string | undefined;
  readonly data: readonly object[];
  readonly context: CallContext;
  /** True when repeating the call cannot do anything twice (see retry-policy.ts). */
  readonly idempotent: boolean;
};

/**
 * One API 1.0 call: POST, envelope in and out, every failure classified, tried again only as
 * the retry policy allows (each try with a fresh request id, date and signature). Returns
 * `data`.
 */
export async function callMimecast(call: MimecastCall): Promise<readonly unknown[]> {
  const policy = {...defaultRetryPolicy, ...call.retry};
  const proxy = call.networkPath.proxyFor(new URL(call.baseUrl))?.label;
  const context = proxy === undefined ? call.context : {...call.context, proxy};

  for (let attempt = 0; ; attempt += 1) {
    const reply = await send(call, context);
    const failure = classifyResponse(reply, context);
    if (failure === null) return reply.envelope?.data ?? [];

    const wait = retryDelayMs(
      {
        attempt,
        status: reply.status,
        rateLimitResetMs: rateLimitResetMs(reply),
        retryable: reply.envelope?.fail[0]?.retryable === true,
        idempotent: call.idempotent,
      },
      policy,
    );
    if (wait === null) throw failure;
    await pause(wait, call.signal);
  }
}

async function send(call: MimecastCall, context: CallContext): Promise<MimecastReply> {
  if (call.signal.aborted) throw cancelledError();
  const timeoutMs = call.timeoutMs ?? defaultTimeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([call.signal, timeout]);

  const clock = call.now ?? (() => new Date());
  const sentAt = clock();
  const date = formatMimecastDate(sentAt);
  const reqId = randomUUID();
  const headers = requestHeaders({
    appId: call.appId,
    reqId,
    date,
    authorization: call.authorization(date, reqId),
  });

  // A cancel or a timeout ends a connection still being made at once (connection-progress.ts).
  const abandon = () => call.networkPath.abandonPending();
  signal.addEventListener('abort', abandon, {once: true});
  try {
    const response = await request(`${call.baseUrl}${call.path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({data: call.data}),
      signal,
      // undici follows no redirect without an interceptor; classifyResponse reports them.
      dispatcher: call.networkPath.dispatcher,
    });
    call.serverClock?.observe(firstValue(response.headers.date), sentAt, clock());
    const text = await readBounded(response.body);
    const contentType = response.headers['content-type'];
    const body = readBody(text, firstValue(contentType));
    return {
      status: response.statusCode,
      headers: response.headers,
      envelope: body.envelope,
      bodyKind: body.kind,
      sentAt,
    };
  } catch (error) {
    throw classifyTransportError(error, context, {
      cancelled: call.signal.aborted,
      timedOut: timeout.aborted,
      timeoutMs,
      progress: call.networkPath.progressOf(new URL(call.baseUrl)),
      connectTimeoutMs: call.networkPath.connectTimeoutMs,
    });
  } finally {
    signal.removeEventListener('abort', abandon);
  }
}

function firstValue(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function readBounded(body: AsyncIterable<Buffer | string> & {destroy(): void}) {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    size += buffer.length;
    if (size > maxReplyBytes) {
      body.destroy();
      break;
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}
