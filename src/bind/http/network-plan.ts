import type {NetworkSettings} from '../settings.js';
import {networkEnvironment, type NetworkEnvironment} from './network-environment.js';
import {chooseProxy, parseProxySetting, type ProxyRoute} from './proxy-choice.js';
import {readTrustedCa} from './trusted-ca.js';

/** What the network settings and the environment decide, before any connection. */
export type NetworkPlan = {
  /** Trusted CAs, or undefined for Node's defaults. */
  readonly ca: readonly string[] | undefined;
  /** The proxy a URL goes through, or null for a direct connection. */
  proxyFor(url: URL): ProxyRoute | null;
};

/**
 * Reads the CA file and checks the proxy setting. Throws an 'input' BindError naming `caFile`
 * or `proxyUrl` when one is unusable; the proxy is checked first, so it is reported even when
 * the CA file is wrong too.
 */
export async function planNetwork(
  network: NetworkSettings,
  signal: AbortSignal,
  env: NetworkEnvironment = networkEnvironment(),
): Promise<NetworkPlan> {
  const setting = network.proxyUrl ?? '';
  parseProxySetting(setting);
  const ca = await readTrustedCa(network.caFile, env, signal);
  return {ca, proxyFor: (url) => chooseProxy(url, setting, env)};
}
