import * as net from 'node:net';
import * as tls from 'node:tls';

import {Client} from 'ldapts';

import type {DirectorySettings} from '../settings.js';
import type {DirectoryTimeLimits} from './time-limits.js';

/** An ldapts client plus a hard stop that closes every socket it opened. */
export type DirectoryConnection = {
  readonly client: Client;
  /**
   * True once the connection is up: TCP connected for plain LDAP and StartTLS, the TLS
   * handshake done for LDAPS. A failure before that is a failure to connect.
   */
  readonly established: () => boolean;
  /** Resolves once `established()` holds; never rejects (failures come from the operation). */
  readonly whenEstablished: () => Promise<void>;
  /** True once a TCP connection is up, even if its TLS handshake never finished. */
  readonly tcpConnected: () => boolean;
  /** Destroys the client's sockets at once (cancel, deadline, or after unbind). */
  readonly destroy: () => void;
};

export function directoryUrl(
  settings: Pick<DirectorySettings, 'host' | 'port' | 'tlsMode'>,
): string {
  const scheme = settings.tlsMode === 'ldaps' ? 'ldaps' : 'ldap';
  const host = net.isIPv6(settings.host) ? `[${settings.host}]` : settings.host;
  return `${scheme}://${host}:${settings.port}`;
}

/**
 * TLS options for LDAPS and StartTLS. The certificate is checked against `host`, the host as
 * entered, by an explicit identity check: StartTLS upgrades an open socket, and Node would then
 * check the name "localhost" instead, so a certificate for localhost would pass for any
 * address. `servername` is sent for SNI only when it is a name, since an IP address as SNI is
 * invalid and Node warns about it. Verification is asked for explicitly, so that
 * Node's environment switch for it cannot turn it off.
 */
export function tlsOptionsFor(host: string, ca: string[] | undefined): tls.ConnectionOptions {
  return {
    rejectUnauthorized: true,
    ...(ca === undefined ? {} : {ca}),
    ...(net.isIP(host) === 0 ? {servername: host} : {}),
    checkServerIdentity: (_name, certificate) => tls.checkServerIdentity(host, certificate),
  };
}

/**
 * Creates (does not connect) an ldapts client for the settings. The sockets are created through
 * ldapts' connection factories so that they can be destroyed on cancel: ldapts itself has no
 * way to abort a pending operation.
 */
export function openDirectoryConnection(
  settings: DirectorySettings,
  ca: string[] | undefined,
  limits: DirectoryTimeLimits,
): DirectoryConnection {
  const sockets = new Set<net.Socket>();
  let established = false;
  let markEstablished = (): void => undefined;
  const ready = new Promise<void>((resolve) => (markEstablished = resolve));
  let tcpConnected = false;
  const track = <S extends net.Socket>(socket: S, readyEvent: string): S => {
    sockets.add(socket);
    socket.once('connect', () => (tcpConnected = true));
    socket.once(readyEvent, () => {
      established = true;
      markEstablished();
    });
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
  const createConnection = ((...args: unknown[]) =>
    track(Reflect.apply(net.connect, net, args) as net.Socket, 'connect')) as typeof net.connect;
  const createSecureConnection = ((...args: unknown[]) =>
    track(
      Reflect.apply(tls.connect, tls, args) as tls.TLSSocket,
      'secureConnect',
    )) as typeof tls.connect;

  // Gotcha: ldapts switches to implicit TLS whenever tlsOptions is set, even on an ldap:// URL,
  // so tlsOptions is given for LDAPS only; StartTLS gets its options in startTLS().
  const client = new Client({
    url: directoryUrl(settings),
    // ldapts' own limits are the backstop; the caller's guard holds each request to its budget.
    connectTimeout: limits.connectMs,
    timeout: Math.max(limits.operationMs, limits.searchMs),
    ...(settings.tlsMode === 'ldaps' ? {tlsOptions: tlsOptionsFor(settings.host, ca)} : {}),
    createConnection,
    createSecureConnection,
  });

  return {
    client,
    established: () => established,
    whenEstablished: () => ready,
    tcpConnected: () => tcpConnected,
    destroy() {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
  };
}
