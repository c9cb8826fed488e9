/**
 * A TCP relay on 127.0.0.1 in front of a real server, to see what the client does on the wire
 * without touching the server: how many connections it opens, what it sends, which side closes
 * them, and how it copes when the path holds its traffic, resets it, or the server ends the
 * session part-way.
 */
import {connect, createServer, type Socket} from 'node:net';

/**
 * `forward`: pass bytes both ways. `hold`: accept, read and drop, answer nothing (a frozen
 * path). `reset`: accept, then reset the connection (TCP RST) when the first request arrives.
 */
export type RelayMode = 'forward' | 'hold' | 'reset';

/**
 * Picks the client chunk at which a forwarded connection is cut: `index` counts the client's
 * chunks on that connection from 0. On loopback each LDAP request the client writes while it
 * waits for the previous answer arrives as one chunk.
 */
export type CutRule = (chunk: Buffer, index: number) => boolean;

/** What the relay saw of one forwarded connection. */
export type RelayedConnection = {
  /** Which side ended the connection first; undefined while it is open. */
  readonly closedBy: 'client' | 'server' | undefined;
  /** When it closed (performance.now() clock); undefined while it is open. */
  readonly closedAt: number | undefined;
  /** Every byte the client sent, in order. */
  readonly fromClient: Buffer;
};

export type TcpRelay = {
  readonly port: number;
  /** Client connections accepted so far, in any mode. */
  connections(): number;
  /** What the relay saw of the forwarded connection at `index` (0: the first accepted). */
  connection(index: number): RelayedConnection | undefined;
  /** Client connections still open. */
  open(): number;
  /** Resolves once every client connection accepted so far is closed. */
  allClosed(): Promise<void>;
  setMode(mode: RelayMode): void;
  /** From the next connection on, hold each answer of the server this long: a slow path. */
  setAnswerDelay(ms: number): void;
  /**
   * From the next connection on, end a forwarded connection as a server ending its session
   * does (a FIN to the client, the upstream dropped) at the first client chunk `rule` picks,
   * which is not passed on; undefined stops cutting.
   */
  setCut(rule: CutRule | undefined): void;
  close(): Promise<void>;
};

export async function startTcpRelay(
  target: {readonly host: string; readonly port: number},
  initialMode: RelayMode = 'forward',
): Promise<TcpRelay> {
  let mode = initialMode;
  let answerDelayMs = 0;
  let cutRule: CutRule | undefined;
  let accepted = 0;
  const open = new Set<Socket>();
  const seen: {
    closedBy: RelayedConnection['closedBy'];
    closedAt: number | undefined;
    chunks: Buffer[];
  }[] = [];
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
    const record: (typeof seen)[number] = {closedBy: undefined, closedAt: undefined, chunks: []};
    seen[accepted - 1] = record;
    const ended = (by: 'client' | 'server') => (): void => {
      if (record.closedBy !== undefined) return;
      record.closedBy = by;
      record.closedAt = performance.now();
    };
    // 'end' is a FIN; a reset ends with 'close' alone. Whichever side is heard first ended it.
    client.once('end', ended('client'));
    client.once('close', ended('client'));
    const upstream = connect(target.port, target.host);
    upstream.once('end', ended('server'));
    upstream.once('close', ended('server'));
    upstream.on('error', () => client.destroy());
    client.once('close', () => upstream.destroy());
    const cut = cutRule;
    let cutting = false;
    // A cut ends the client's side with a FIN of its own; destroying it too could send a RST.
    upstream.once('close', () => cutting || client.destroy());
    let chunkIndex = 0;
    client.on('data', (chunk: Buffer) => {
      record.chunks.push(chunk);
      if (cutting) return;
      if (cut?.(chunk, chunkIndex++) === true) {
        ended('server')();
        cutting = true;
        upstream.unpipe(client);
        upstream.destroy();
        client.end();
        return;
      }
      upstream.write(chunk);
    });
    const delay = answerDelayMs;
    if (delay === 0) {
      upstream.pipe(client);
    } else {
      // The same delay for every chunk keeps them in order.
      upstream.on('data', (chunk: Buffer) => {
        setTimeout(() => client.write(chunk), delay);
      });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address !== null ? address.port : 0;

  return {
    port,
    connections: () => accepted,
    connection(index) {
      const record = seen[index];
      if (record === undefined) return undefined;
      return {
        closedBy: record.closedBy,
        closedAt: record.closedAt,
        fromClient: Buffer.concat(record.chunks),
      };
    },
    open: () => open.size,
    allClosed: () =>
      open.size === 0 ? Promise.resolve() : new Promise((resolve) => waiters.push(resolve)),
    setMode(next) {
      mode = next;
    },
    setAnswerDelay(ms) {
      answerDelayMs = ms;
    },
    setCut(rule) {
      cutRule = rule;
    },
    close: () =>
      new Promise((resolve) => {
        for (const socket of open) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
