import type {Socket} from 'node:net';
import {BindError} from './errors.js';
import {planNetwork, type NetworkPlan} from './http/network-plan.js';
import type {NetworkEnvironment} from './http/network-environment.js';
import type {NetworkSettings} from './settings.js';
import {handshake, openTcp, resolveHost, type StageOptions} from './preflight/connect-stages.js';
import {dnsFailure, tcpFailure, tlsFailure, tunnelFailure, type Hop} from './preflight/failures.js';
import {openTunnel} from './preflight/proxy-tunnel.js';

export type PreflightOptions = {
  /** Per stage (DNS, TCP, CONNECT, TLS); 10 s by default. */
  readonly timeoutMs?: number;
  /** The plan of the bind's network path, when one is open already (no second CA read). */
  readonly plan?: NetworkPlan;
  /** Proxy variables and NODE_EXTRA_CA_CERTS, when not from process.env (tests). */
  readonly env?: NetworkEnvironment;
};

/** What the check found on the way to one URL. */
export type PreflightResult = {
  readonly url: string;
  /** `host:port` of the proxy, or null for a direct connection. */
  readonly proxy: string | null;
  /** e.g. `TLSv1.3`. */
  readonly tlsProtocol: string;
};

export const defaultPreflightTimeoutMs = 10_000;

/**
 * The connectivity pre-check run before step 1: for each https URL, DNS, a TCP connection to
 * the URL's port, and a verified TLS handshake, through the proxy when one applies (DNS and
 * TCP to the proxy, then CONNECT). The first stage that fails is thrown as a 'network' or
 * 'tls' BindError naming the setting at fault (discoveryUrl, proxyUrl or caFile). URLs that
 * are not https are skipped: the call that uses them reports what is wrong with them.
 *
 * Limitation: run before step 1, the check knows the discovery host only; the regional host
 * comes from discovery, and a failure to reach it is classified by the login call itself.
 */
export async function preflight(
  network: NetworkSettings,
  urls: readonly string[],
  signal: AbortSignal,
  options: PreflightOptions = {},
): Promise<PreflightResult[]> {
  const plan = options.plan ?? (await planNetwork(network, signal, options.env));
  const stage: StageOptions = {timeoutMs: options.timeoutMs ?? defaultPreflightTimeoutMs, signal};
  const results: PreflightResult[] = [];
  for (const text of urls) {
    const url = httpsUrl(text);
    if (url === null) continue;
    results.push(await checkOne(url, plan, stage));
  }
  return results;
}

function httpsUrl(text: string): URL | null {
  try {
    const url = new URL(text.trim());
    return url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

function portOf(url: URL): number {
  return Number(url.port || (url.protocol === 'https:' ? 443 : 80));
}

async function checkOne(url: URL, plan: NetworkPlan, stage: StageOptions) {
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const authority = `${url.hostname}:${portOf(url)}`;
  const proxy = plan.proxyFor(url);
  const hop: Hop =
    proxy === null ? {kind: 'direct', authority} : {kind: 'proxy', authority, proxy: proxy.label};

  // The first hop: the Mimecast host itself, or the proxy.
  const first = proxy === null ? url : proxy.url;
  const firstHost = first.hostname.replace(/^\[|\]$/g, '');
  const address = await attempt(resolveHost(firstHost, stage), (e) =>
    dnsFailure(hop, firstHost, e, stage.timeoutMs),
  );
  let socket: Socket = await attempt(openTcp(address, portOf(first), stage), (e) =>
    tcpFailure(hop, address, e, stage.timeoutMs),
  );
  try {
    if (proxy !== null && hop.kind === 'proxy') {
      if (proxy.url.protocol === 'https:') {
        socket = await attempt(handshake(socket, {host: firstHost, ca: plan.ca}, stage), (e) =>
          tlsFailure(hop, `the proxy ${proxy.label}`, e, stage.timeoutMs),
        );
      }
      socket = await attempt(openTunnel(socket, authority, proxy.url, stage), (e) =>
        tunnelFailure(hop, e, stage.timeoutMs),
      );
    }
    const secure = await attempt(handshake(socket, {host, ca: plan.ca}, stage), (e) =>
      tlsFailure(hop, authority, e, stage.timeoutMs),
    );
    socket = secure;
    return {url: url.origin, proxy: proxy?.label ?? null, tlsProtocol: secure.getProtocol() ?? ''};
  } finally {
    socket.destroy();
  }
}

/** Awaits a stage; a failure becomes the classified error, a cancel stays a cancel. */
async function attempt<T>(stage: Promise<T>, classify: (error: unknown) => Error): Promise<T> {
  try {
    return await stage;
  } catch (error) {
    if (error instanceof BindError && error.errorClass === 'cancelled') throw error;
    throw classify(error);
  }
}
