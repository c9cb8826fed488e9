import type {Readable} from 'node:stream';

import type {Transport} from './transport.js';
import {ewsUserAgent} from './user-agent.js';

export type HttpAnswer = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
};

export type HttpRequest = {
  readonly method: 'GET' | 'POST';
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
};

// Every answer read here (EWS, Autodiscover, a token) is a few kilobytes; anything far larger
// is not one of them, and is not kept.
const maxBodyBytes = 1024 * 1024;

/**
 * One request on the transport's connection to the URL's origin. The body is read whole
 * (bounded) before returning, so the connection is free for the next request: the second NTLM
 * leg must not wait behind an unread answer, nor open a second socket.
 */
export async function exchangeHttp(
  transport: Transport,
  url: URL,
  request: HttpRequest,
  signal: AbortSignal,
): Promise<HttpAnswer> {
  const response = await transport.dispatcherFor(url).request({
    origin: url.origin,
    path: `${url.pathname}${url.search}`,
    method: request.method,
    headers: {'user-agent': ewsUserAgent, ...request.headers},
    body: request.body ?? (request.method === 'POST' ? '' : undefined),
    signal,
  });
  const body = await readBounded(response.body, maxBodyBytes);
  return {status: response.statusCode, headers: response.headers, body};
}

export function headerValue(answer: HttpAnswer, name: string): string | undefined {
  const value = answer.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

async function readBounded(stream: Readable, limit: number): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    chunks.push(buffer.subarray(0, Math.max(0, limit - size)));
    size += buffer.length;
    if (size >= limit) {
      stream.destroy();
      break;
    }
  }
  return Buffer.concat(chunks).toString('utf8');
}
