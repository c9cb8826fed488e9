import {createServer, type IncomingMessage} from 'node:http';
import type {AddressInfo, Socket} from 'node:net';
import {connect as tlsConnect, TLSSocket} from 'node:tls';
import {createCertificateAuthority, loopbackHosts} from '../../src/simulators/tls/index.js';

export type InspectingProxy = {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** The proxy's own CA (PEM): what a client must trust to talk through it. */
  readonly caCertificate: string;
  /** `host:port` of every tunnel asked for, in order. */
  readonly tunnels: readonly string[];
  /** Tunnels whose requests the proxy read in the clear, having terminated their TLS. */
  inspected(): number;
  close(): Promise<void>;
};

/**
 * An HTTP CONNECT proxy on 127.0.0.1 that inspects HTTPS, as corporate proxies do: it accepts
 * the tunnel, answers the client's TLS itself with a certificate for the target made by a CA
 * of its own, and opens its own TLS connection to the target (trusting `upstreamCa`), passing
 * the decrypted bytes between the two. Only loopback targets are served.
 */
export async function startInspectingProxy(upstreamCa: string): Promise<InspectingProxy> {
  const ca = await createCertificateAuthority({name: 'inspecting proxy CA (test only)'});
  const certificate = await ca.issueServerCertificate(loopbackHosts);
  const tunnels: string[] = [];
  const sockets = new Set<Socket>();
  let inspected = 0;
  const track = (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  };

  const server = createServer((_request, response) => response.writeHead(405).end());
  server.on('connection', track);
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    const [host = '', port = ''] = target.split(':');
    if (host !== '127.0.0.1') {
      client.end('HTTP/1.1 403 Refused\r\n\r\n');
      return;
    }
    client.write('HTTP/1.1 200 Connection established\r\n\r\n');
    if (head.length > 0) client.unshift(head);
    const inside = new TLSSocket(client, {isServer: true, ...certificate});
    const upstream = tlsConnect({host, port: Number(port), ca: upstreamCa});
    track(inside);
    track(upstream);
    // Counted when a request arrives in the clear: the client accepted the proxy's certificate
    // and sent what the proxy can read. (What comes before the target's connection is up
    // waits in the upstream socket.)
    inside.once('data', () => {
      inspected += 1;
    });
    inside.pipe(upstream);
    upstream.pipe(inside);
    const closeBoth = () => {
      inside.destroy();
      upstream.destroy();
      client.destroy();
    };
    inside.on('error', closeBoth);
    upstream.on('error', closeBoth);
    inside.on('close', closeBoth);
    upstream.on('close', closeBoth);
  });

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    caCertificate: ca.certificatePem,
    tunnels,
    inspected: () => inspected,
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
