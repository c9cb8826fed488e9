import {createServer as createHttpServer} from 'node:http';
import {createServer} from 'node:https';
import type {AddressInfo} from 'node:net';
import {processCertificateAuthority} from '../../src/simulators/tls/index.js';

/** What the server answers to every request. */
export type FixedReply = {
  readonly status: number;
  readonly headers?: Record<string, string>;
  readonly body: string;
};

export type FixedReplyServer = {
  /** `https://127.0.0.1:<port>` */
  readonly url: string;
  /** The CA its certificate chains to: the simulators' CA of this process. */
  readonly caCertificate: string;
  /** Requests received so far. */
  count(): number;
  close(): Promise<void>;
};

/**
 * An HTTPS server on 127.0.0.1 that gives every request the same reply: a stand-in for the
 * things that answer in a real service's place (a proxy's HTML page, an overloaded gateway).
 * Its certificate comes from the same CA as the simulators'.
 */
export async function startFixedReplyServer(reply: FixedReply): Promise<FixedReplyServer> {
  const {ca, server: certificate} = await processCertificateAuthority();
  let count = 0;
  const server = createServer(certificate, (request, response) => {
    count += 1;
    request.resume();
    request.on('end', () => {
      response.writeHead(reply.status, reply.headers ?? {});
      response.end(reply.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  return {
    url: `https://127.0.0.1:${port}`,
    caCertificate: ca.certificatePem,
    count: () => count,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedLoopbackPort(): Promise<number> {
  const server = createHttpServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
