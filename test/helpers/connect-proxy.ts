import {createServer, type IncomingMessage, type ServerResponse} from 'node:http';
import {createServer as createHttpsServer} from 'node:https';
import {connect, type AddressInfo, type Socket} from 'node:net';

export type ConnectProxy = {
  /** `http://127.0.0.1:<port>`, or `https://` with the `tls` option */
  readonly url: string;
  /** `host:port` of every tunnel asked for, in order. */
  readonly tunnels: readonly string[];
  /**
   * From now on, tunnels to `name:port` lead to 127.0.0.1 at `loopbackPort` instead: what a
   * hosts-file entry does, for a program that reaches a named server only through the proxy.
   */
  route(nameAndPort: string, loopbackPort: number): void;
  close(): Promise<void>;
};

export type ConnectProxyOptions = {
  /** Answer every CONNECT with this status instead of opening the tunnel (e.g. 407). */
  readonly refuseWith?: number;
  /** Take the CONNECT over TLS with this key and certificate: an `https://` proxy. */
  readonly tls?: {readonly key: string; readonly cert: string};
};

/**
 * An HTTP CONNECT proxy on 127.0.0.1 that opens tunnels to loopback targets only, and counts
 * them: what a corporate proxy does for HTTPS traffic. A routed name is never looked up: its
 * tunnel goes to the loopback port it was routed to, so nothing leaves the machine.
 */
export async function startConnectProxy(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const routes = new Map<string, number>();
  const sockets = new Set<Socket>();
  const refuseRequest = (_request: IncomingMessage, response: ServerResponse) => {
    response.writeHead(405).end();
  };
  const server = options.tls
    ? createHttpsServer(options.tls, refuseRequest)
    : createServer(refuseRequest);
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  server.on('connect', (request: IncomingMessage, client: Socket, head: Buffer) => {
    const target = request.url ?? '';
    tunnels.push(target);
    const routed = routes.get(target.toLowerCase());
    const [host = '', port = ''] =
      routed === undefined ? target.split(':') : ['127.0.0.1', `${routed}`];
    if (options.refuseWith !== undefined || host !== '127.0.0.1') {
      client.end(`HTTP/1.1 ${options.refuseWith ?? 403} Refused\r\n\r\n`);
      return;
    }
    const upstream = connect(Number(port), host, () => {
      client.write('HTTP/1.1 200 Connection established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client);
      client.pipe(upstream);
    });
    sockets.add(upstream);
    upstream.on('close', () => sockets.delete(upstream));
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `${options.tls ? 'https' : 'http'}://127.0.0.1:${port}`,
    tunnels,
    route(nameAndPort, loopbackPort) {
      routes.set(nameAndPort.toLowerCase(), loopbackPort);
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
