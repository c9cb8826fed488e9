import {lookup} from 'node:dns';
import {connect as tcpConnect, isIP, type Socket} from 'node:net';
import {connect as tlsConnect, type TLSSocket} from 'node:tls';
import {secureContextFor} from '../http/secure-context.js';
import {runStage} from './stage.js';

export type StageOptions = {readonly timeoutMs: number; readonly signal: AbortSignal};

/** The host's first address, as the connection would use it. */
export function resolveHost(host: string, options: StageOptions): Promise<string> {
  if (isIP(host) !== 0) return Promise.resolve(host);
  return runStage<string>(
    ({resolve, reject}) => {
      // dns.lookup cannot be aborted; an abandoned lookup just finishes unheard.
      lookup(host, (error, address) => (error ? reject(error) : resolve(address)));
      return () => {};
    },
    options.timeoutMs,
    options.signal,
  );
}

export function openTcp(address: string, port: number, options: StageOptions): Promise<Socket> {
  return runStage<Socket>(
    ({resolve, reject}) => {
      const socket = tcpConnect({host: address, port});
      socket.once('connect', () => {
        socket.off('error', reject);
        resolve(socket);
      });
      socket.once('error', reject);
      return () => socket.destroy();
    },
    options.timeoutMs,
    options.signal,
  );
}

export type TlsTarget = {
  readonly host: string;
  readonly ca: readonly string[] | undefined;
};

/**
 * A TLS handshake over an open socket, verifying the certificate against the trusted CAs and
 * the host name, as the real requests do. The socket is destroyed when the handshake fails.
 */
export function handshake(socket: Socket, target: TlsTarget, options: StageOptions) {
  return runStage<TLSSocket>(
    ({resolve, reject}) => {
      const secure = tlsConnect({
        socket,
        host: target.host,
        // SNI carries names only, never an address.
        ...(isIP(target.host) === 0 ? {servername: target.host} : {}),
        ...(target.ca === undefined ? {} : {secureContext: secureContextFor(target.ca)}),
        rejectUnauthorized: true,
        minVersion: 'TLSv1.2',
      });
      secure.once('secureConnect', () => {
        secure.off('error', reject);
        resolve(secure);
      });
      secure.once('error', (error) => {
        socket.destroy();
        reject(error);
      });
      return () => {
        secure.destroy();
        socket.destroy();
      };
    },
    options.timeoutMs,
    options.signal,
  );
}
