import type {BindDeps} from '../../src/bind/bind-deps.js';
import {createNetworkPath, type NetworkEnvironment} from '../../src/bind/http/index.js';
import {checkBinding, findAccount, logout, registerBinding} from '../../src/bind/mimecast/index.js';
import {runBind, type BindResult, type PipelineEvent} from '../../src/bind/pipeline.js';
import {preflight} from '../../src/bind/preflight.js';
import type {NetworkSettings} from '../../src/bind/settings.js';
import {demoMimecast} from './mimecast-demo.js';
import {sampleBindingRecord} from './sample-binding.js';

export type MimecastStepsOptions = {
  /** The site's CA file and proxy settings. */
  readonly network: NetworkSettings;
  /** The proxy variables and NODE_EXTRA_CA_CERTS the bind sees. */
  readonly env: NetworkEnvironment;
  /** This computer's clock, for the Mimecast calls. */
  readonly now?: () => Date;
  readonly onEvent?: (event: PipelineEvent) => void;
};

/**
 * Stand-ins for the steps that are not Mimecast's (the directory, Exchange, storage), which
 * have tests of their own. A cast, as in the other pipeline tests: they do not return the real
 * shapes.
 */
export const nonMimecastStandIns = {
  validateDirectory: async () => ({fact: 'directory stand-in'}),
  validateExchange: async () => ({fact: 'Exchange stand-in', autodiscovered: false}),
  saveBinding: async () => 'kept in memory',
  lockSite: async () => ({release: async () => undefined}),
} as unknown as Pick<
  BindDeps,
  'validateDirectory' | 'validateExchange' | 'saveBinding' | 'lockSite'
>;

/**
 * The pipeline's bind of the demo administrator with the real Mimecast client, network path
 * and pre-check (steps 1 and 2), against the discovery URL given; the directory, Exchange and
 * storage are stand-ins, which have tests of their own.
 */
export function bindMimecastSteps(
  discoveryUrl: string,
  options: MimecastStepsOptions,
): Promise<BindResult> {
  const {env, now} = options;
  const saved = sampleBindingRecord();
  const deps: BindDeps = {
    findAccount: (args) => findAccount({...args, now}),
    registerBinding: (args) => registerBinding({...args, now}),
    checkBinding,
    logout,
    openNetworkPath: (settings, signal) => createNetworkPath(settings, signal, {env}),
    preflight: (settings, urls, signal, preflightOptions) =>
      preflight(settings, urls, signal, {...preflightOptions, env, timeoutMs: 2_000}),
    ...nonMimecastStandIns,
  };
  return runBind(
    {
      settings: {
        ...saved.settings,
        mimecast: {discoveryUrl, appId: demoMimecast.appId},
        network: options.network,
      },
      secrets: {...saved.secrets, appKey: demoMimecast.appKey},
      credentials: demoMimecast.admin,
      existing: null,
    },
    options.onEvent ?? (() => undefined),
    new AbortController().signal,
    deps,
  );
}
