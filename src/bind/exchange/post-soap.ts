import type {Readable} from 'node:stream';

import type {Client} from 'undici';

import {ewsUserAgent} from './user-agent.js';

export type SoapAnswer = {
  readonly status: number;
  readonly headers: Readonly<Record<string, string | string[] | undefined>>;
  readonly body: string;
};

// A GetFolder answer is a few kilobytes; anything far larger is not one, and is not kept.
const maxBodyBytes = 1024 * 1024;

/** One SOAP POST on the given connection; the body is read whole (bounded) before returning. */
export async function postSoap(
  client: Client,
  url: URL,
  envelope: string,
  authorization: string,
  signal: AbortSignal,
): Promise<SoapAnswer> {
  const response = await client.request({
    path: `${url.pathname}${url.search}`,
    method: 'POST',
    headers: {
      'content-type': 'text/xml; charset=utf-8',
      accept: 'text/xml',
      'user-agent': ewsUserAgent,
      authorization,
    },
    body: envelope,
    signal,
  });
  const body = await readBounded(response.body, maxBodyBytes);
  return {status: response.statusCode, headers: response.headers, body};
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
