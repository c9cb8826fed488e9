import type {Server, Socket} from 'node:net';

/**
 * Returns a close for `server` that ends every connection it accepted at once: also those that
 * never sent a request or never finished their TLS handshake, which `closeAllConnections` does
 * not know of. A client holding a connection open must not keep the simulators running after
 * they were told to stop.
 */
export function serverCloser(server: Server): () => Promise<void> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return () =>
    new Promise<void>((resolve) => {
      server.close(() => resolve());
      for (const socket of sockets) socket.destroy();
    });
}
