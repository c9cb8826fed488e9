/**
 * A TCP server on 127.0.0.1 that accepts connections and never answers: a hung service. It
 * counts the connections it got and how many the client has closed since.
 */
import {createServer, type Socket} from 'node:net';

export type SilentServer = {
  readonly port: number;
  /** Connections accepted so far. */
  connections(): number;
  /** Resolves once every accepted connection has been closed by the client. */
  allClosed(): Promise<void>;
  close(): Promise<void>;
};

export async function startSilentServer(): Promise<SilentServer> {
  const open = new Set<Socket>();
  let accepted = 0;
  let onAllClosed: (() => void) | undefined;
  const server = createServer((socket) => {
    accepted += 1;
    open.add(socket);
    socket.on('error', () => undefined);
    // Read and drop what arrives: a paused socket would never notice the client closing.
    socket.resume();
    socket.once('close', () => {
      open.delete(socket);
      if (open.size === 0) onAllClosed?.();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    port,
    connections: () => accepted,
    allClosed: () =>
      open.size === 0 ? Promise.resolve() : new Promise((resolve) => (onAllClosed = resolve)),
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
