/**
 * A TCP relay on 127.0.0.1 in front of a real server, to see what the client does on the wire
 * without touching the server: how many connections it opens, whether it closes them, and how
 * it copes when the path holds its traffic or resets it.
 */
import {connect, createServer, type Socket} from 'node:net';

/**
 * `forward`: pass bytes both ways. `hold`: accept, read and drop, answer nothing (a frozen
 * path). `reset`: accept, then reset the connection (TCP RST) when the first request arrives.
 */
export type RelayMode = 'forward' | 'hold' | 'reset';

export type TcpRelay = {
  readonly port: number;
  /** Client connections accepted so far, in any mode. */
  connections(): number;
  /** Client connections still open. */
  open(): number;
  /** Resolves once every client connection accepted so far is closed. */
  allClosed(): Promise<void>;
  setMode(mode: RelayMode): void;
  close(): Promise<void>;
};

export async function startTcpRelay(
  target: {readonly host: string; readonly port: number},
  initialMode: RelayMode = 'forward',
): Promise<TcpRelay> {
  let mode = initialMode;
  let accepted = 0;
  const open = new Set<Socket>();
  const waiters: (() => void)[] = [];
  const settle = (): void => {
    if (open.size === 0) waiters.splice(0).forEach((resolve) => resolve());
  };

  const server = createServer((client) => {
    accepted += 1;
    open.add(client);
    client.on('error', () => undefined);
    client.once('close', () => {
      open.delete(client);
      settle();
    });

    if (mode === 'reset') {
      // Reset once the client has sent its first request, not at accept: on loopback the
      // client may or may not have seen its connect complete by then, and the test must know
      // which phase the reset hits.
      client.once('data', () => client.resetAndDestroy());
      return;
    }
    if (mode === 'hold') {
      // Read and drop: a paused socket would never notice the client closing.
      client.resume();
      return;
    }
    const upstream = connect(target.port, target.host);
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    upstream.once('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    port,
    connections: () => accepted,
    open: () => open.size,
    allClosed: () =>
      open.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)),
    setMode(next) {
      mode = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
