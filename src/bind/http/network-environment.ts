/**
 * What the process environment says about the network path. Read once, in one place, so that
 * tests can pass their own instead of changing `process.env` under other tests.
 */
export type NetworkEnvironment = {
  /** HTTPS_PROXY (or https_proxy): the proxy for https:// URLs; empty for none. */
  readonly httpsProxy: string;
  /** HTTP_PROXY (or http_proxy): the proxy for http:// URLs only (Autodiscover's probe). */
  readonly httpProxy: string;
  /** NO_PROXY (or no_proxy): hosts reached directly even when a proxy is set. */
  readonly noProxy: string;
  /** NODE_EXTRA_CA_CERTS: a PEM file Node adds to its default CAs; empty for none. */
  readonly extraCaFile: string;
};

/** The lower-case names win, as in curl; HTTP_PROXY applies to http:// URLs only, as in curl. */
export function networkEnvironment(env: NodeJS.ProcessEnv = process.env): NetworkEnvironment {
  return {
    httpsProxy: (env.https_proxy ?? env.HTTPS_PROXY ?? '').trim(),
    httpProxy: (env.http_proxy ?? env.HTTP_PROXY ?? '').trim(),
    noProxy: (env.no_proxy ?? env.NO_PROXY ?? '').trim(),
    extraCaFile: (env.NODE_EXTRA_CA_CERTS ?? '').trim(),
  };
}

export const noNetworkEnvironment: NetworkEnvironment = {
  httpsProxy: '',
  httpProxy: '',
  noProxy: '',
  extraCaFile: '',
};
