/** How mse-bind reaches HTTPS services: trusted CAs, proxy, one dispatcher per bind. */
export {
  createNetworkPath,
  defaultConnectTimeoutMs,
  type NetworkPath,
  type NetworkPathOptions,
} from './dispatcher.js';
export {
  networkEnvironment,
  noNetworkEnvironment,
  type NetworkEnvironment,
} from './network-environment.js';
export {chooseProxy, parseProxySetting, type ProxyRoute} from './proxy-choice.js';
export {bypassesProxy} from './no-proxy.js';
export {readTrustedCa} from './trusted-ca.js';
export {planNetwork, type NetworkPlan} from './network-plan.js';
