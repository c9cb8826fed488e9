import {randomUUID} from 'node:crypto';
import {request, type Dispatcher} from 'undici';
import {cancelledError} from '../errors.js';
import type {CallContext} from './call-context.js';
import {classifyResponse} from './classify-response.js';
import {classifyTransportError} from './classify-transport-error.js';
import {parseEnvelope} from './envelope.js';
import {formatMimecastDate} from './mimecast-date.js';
import {requestHeaders} from './request-headers.js';

export const defaultTimeoutMs = 15_000;

/** Transport options every exported call accepts. */
export type TransportOptions = {
  readonly signal: AbortSignal;
  /** Per request; a timeout is reported as a network failure naming the host. */
  readonly timeoutMs?: number;
  /** A proxy agent or an agent with an extra CA; undici's global agent otherwise. */
  readonly dispatcher?: Dispatcher;
  /** The clock used for `x-mc-date`; tests pin it. */
  readonly now?: () => Date;
};

/** Only the transport options of a larger argument object, so no secret rides along. */
export function transportOf(args: TransportOptions): TransportOptions {
  const {signal, timeoutMs, dispatcher, now} = args;
  return {signal, timeoutMs, dispatcher, now};
}

export type MimecastCall = TransportOptions & {
  /** An origin checked by parseApiBase. */
  readonly baseUrl: string;
  readonly path: `/api/${string}`;
  readonly appId: string;
  /** Builds the Authorization header from the date and request id; undefined sends none. */
  readonly authorization: (date: string, reqId: string) => string | undefined;
  readonly data: readonly object[];
  readonly context: CallContext;
};

/**
 * One API 1.0 call: POST, envelope in and out, every failure classified. Returns `data`.
 * Nothing is retried here: a login may create a binding, and the other calls are cheap to
 * run again from the screen.
 */
export async function callMimecast(call: MimecastCall): Promise<readonly unknown[]> {
  if (call.signal.aborted) throw cancelledError();
  const timeoutMs = call.timeoutMs ?? defaultTimeoutMs;
  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = AbortSignal.any([call.signal, timeout]);

  const sentAt = (call.now ?? (() => new Date()))();
  const date = formatMimecastDate(sentAt);
  const reqId = randomUUID();
  const headers = requestHeaders({
    appId: call.appId,
    reqId,
    date,
    authorization: call.authorization(date, reqId),
  });

  let status: number;
  let replyHeaders: Record<string, string | string[] | undefined>;
  let text: string;
  try {
    const response = await request(`${call.baseUrl}${call.path}`, {
      method: 'POST',
      headers,
      body: JSON.stringify({data: call.data}),
      signal,
      dispatcher: call.dispatcher,
    });
    status = response.statusCode;
    replyHeaders = response.headers;
    text = await response.body.text();
  } catch (error) {
    throw classifyTransportError(error, call.context, {
      cancelled: call.signal.aborted,
      timedOut: timeout.aborted,
      timeoutMs,
    });
  }

  const reply = {status, headers: replyHeaders, envelope: parseEnvelope(text), sentAt};
  const failure = classifyResponse(reply, call.context);
  if (failure) throw failure;
  return reply.envelope?.data ?? [];
}
