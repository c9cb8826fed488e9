import type {Socket} from 'node:net';
import {buildConnector} from 'undici';

/**
 * How far the latest connection to an origin got: never tried, trying (no TCP connection
 * yet), TCP connected (for https, the TLS handshake not finished), or secured. A timeout means
 * different things at each stage: a firewall dropping packets, or a server that accepted the
 * connection and then said nothing.
 */
export type ConnectionProgress = 'not-tried' | 'connecting' | 'tcp-connected' | 'secured';

export type TrackedConnector = {
  /** Give it to an undici Agent as its `connect` option. */
  readonly connect: buildConnector.connector;
  /** The progress of the latest direct connection to the URL's origin. */
  progressOf(url: URL): ConnectionProgress;
  /**
   * Ends every connection still being made. undici lets a cancelled request's connection
   * attempt run to its connect timeout (a TLS handshake a server never answers holds it for
   * the whole 10 s), so a cancel calls this to be done at once.
   */
  abandonPending(): void;
};

function originKey(protocol: string, hostname: string, port: string): string {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return `${protocol}//${host}:${port || (protocol === 'https:' ? '443' : '80')}`;
}

/**
 * undici's own connector (same TLS options, same connect timeout), watched: each attempt
 * records when its TCP connection is up and when its TLS handshake is done.
 */
export function trackedConnector(options: buildConnector.BuildOptions): TrackedConnector {
  const base = buildConnector(options);
  const progress = new Map<string, ConnectionProgress>();
  const pending = new Set<Socket>();

  const connect: buildConnector.connector = (target, callback) => {
    const key = originKey(target.protocol, target.hostname, target.port);
    progress.set(key, 'connecting');
    // undici's connector returns the socket it opens, although its type says void. It calls
    // back once the connection is made or has failed: until then the socket is pending.
    const opened: {socket?: Socket; done?: boolean} = {};
    const settled: typeof callback = (...args) => {
      opened.done = true;
      if (opened.socket) pending.delete(opened.socket);
      (callback as (...parameters: typeof args) => void)(...args);
    };
    const socket = (base as (...args: Parameters<buildConnector.connector>) => unknown)(
      target,
      settled,
    ) as Socket | undefined;
    opened.socket = socket;
    if (socket && !opened.done) {
      pending.add(socket);
      socket.once('close', () => pending.delete(socket));
    }
    socket?.once('connect', () => {
      if (progress.get(key) === 'connecting') progress.set(key, 'tcp-connected');
    });
    socket?.once('secureConnect', () => progress.set(key, 'secured'));
    // An upgraded socket (a tunnel) is connected already: no 'connect' event will come.
    if (target.httpSocket !== undefined) progress.set(key, 'tcp-connected');
  };

  return {
    connect,
    progressOf: (url) =>
      progress.get(originKey(url.protocol, url.hostname, url.port)) ?? 'not-tried',
    abandonPending() {
      for (const socket of pending)
        socket.destroy(new Error('the connection attempt was cancelled'));
      pending.clear();
    },
  };
}
