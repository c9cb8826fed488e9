import type {Socket} from 'node:net';
import {runStage} from './stage.js';
import type {StageOptions} from './connect-stages.js';

const maxHeaderBytes = 16 * 1024;

/** The proxy's answer to CONNECT: its status, or a failure to read one. */
export class TunnelRefused extends Error {
  override readonly name = 'TunnelRefused';

  constructor(readonly status: number) {
    super(`Proxy answered CONNECT with HTTP ${status}`);
  }
}

/**
 * Asks an HTTP proxy for a tunnel to host:port, as undici's ProxyAgent does, and resolves once
 * the proxy answered 200. Credentials in an HTTPS_PROXY URL are sent as Basic, as undici sends
 * them. Any other answer rejects with TunnelRefused.
 */
export function openTunnel(
  socket: Socket,
  authority: string,
  proxy: URL,
  options: StageOptions,
): Promise<Socket> {
  return runStage<Socket>(
    ({resolve, reject}) => {
      let head = Buffer.alloc(0);
      const onData = (chunk: Buffer) => {
        head = Buffer.concat([head, chunk]);
        const end = head.indexOf('\r\n\r\n');
        if (end < 0) {
          if (head.length > maxHeaderBytes) reject(new TunnelRefused(0));
          return;
        }
        socket.off('data', onData);
        socket.off('error', reject);
        const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head.toString('latin1'))?.[1] ?? 0);
        // Anything after the header belongs to the tunnel; a proxy sends none before 200.
        if (status !== 200) reject(new TunnelRefused(status));
        else resolve(socket);
      };
      socket.on('data', onData);
      socket.once('error', reject);
      socket.once('end', () => reject(new TunnelRefused(0)));
      const lines = [`CONNECT ${authority} HTTP/1.1`, `Host: ${authority}`];
      if (proxy.username !== '') {
        const user = decodeURIComponent(proxy.username);
        const password = decodeURIComponent(proxy.password);
        const basic = Buffer.from(`${user}:${password}`).toString('base64');
        lines.push(`Proxy-Authorization: Basic ${basic}`);
      }
      socket.write(`${lines.join('\r\n')}\r\n\r\n`);
      return () => socket.destroy();
    },
    options.timeoutMs,
    options.signal,
  );
}
