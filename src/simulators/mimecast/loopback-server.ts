import type {IncomingMessage, ServerResponse} from 'node:http';
import {serverCloser} from '../server-closer.js';
import {createServer, type Server} from 'node:https';
import type {AddressInfo, Socket} from 'node:net';
import type {ServerCertificate} from '../tls/index.js';

/** HTTPS plumbing of the simulator: a loopback listener that tracks its sockets, body reading. */

const maxBodyBytes = 64 * 1024;

export type Listening = {
  readonly server: Server;
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** The TCP connections open now. */
  readonly sockets: Set<Socket>;
  /** TCP connections accepted since start. */
  accepted(): number;
  /** Stops listening and ends every open connection. */
  close(): Promise<void>;
};

export async function listen(
  host: string,
  certificate: ServerCertificate,
  handler: (request: IncomingMessage, response: ServerResponse) => void,
): Promise<Listening> {
  // TLS 1.2 at least, as the real API requires since it dropped 1.0 and 1.1 [C].
  const server = createServer({...certificate, minVersion: 'TLSv1.2'}, handler);
  const sockets = new Set<Socket>();
  let accepted = 0;
  server.on('connection', (socket: Socket) => {
    accepted += 1;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const {port} = server.address() as AddressInfo;
  const close = serverCloser(server);
  return {server, url: `https://${host}:${port}`, sockets, accepted: () => accepted, close};
}

/** The body as text, or null when it is larger than the simulator accepts. */
export function readBody(request: IncomingMessage): Promise<string | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBodyBytes) chunks.push(chunk);
    });
    request.on('end', () => resolve(size > maxBodyBytes ? null : Buffer.concat(chunks).toString()));
    request.on('error', reject);
  });
}

/** Waits, unless the client goes away first. */
export function hold(ms: number, response: ServerResponse): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    response.once('close', () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
