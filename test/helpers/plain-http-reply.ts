import {createServer} from 'node:http';
import type {AddressInfo} from 'node:net';

export type PlainHttpReply = {
  readonly status: number;
  readonly headers?: Record<string, string>;
};

export type PlainHttpServer = {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** Requests received so far. */
  count(): number;
  close(): Promise<void>;
};

/**
 * A plain-HTTP server on 127.0.0.1 giving every request the same empty-bodied answer: what
 * answers at `http://autodiscover.<domain>` (a redirect to https), or a host that must never be
 * sent anything because it is not https.
 */
export async function startPlainHttpServer(reply: PlainHttpReply): Promise<PlainHttpServer> {
  let count = 0;
  const server = createServer((request, response) => {
    count += 1;
    request.resume();
    request.on('end', () => response.writeHead(reply.status, reply.headers ?? {}).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    count: () => count,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
