import {Resolver} from 'node:dns/promises';

import {cancelledError} from '../../errors.js';

/** One place to ask, in the documented order. */
export type AutodiscoverCandidate =
  /** POST the POX request there, with the service account's credentials. */
  | {readonly kind: 'post'; readonly url: URL}
  /** Unauthenticated GET; only a redirect to an https URL is followed (and POSTed to). */
  | {readonly kind: 'http-redirect'; readonly url: URL}
  /** Look up `_autodiscover._tcp.<domain>` and POST to the best target. */
  | {readonly kind: 'srv'; readonly name: string};

/** The candidates for a mailbox domain; tests give loopback ones. */
export type CandidateSource = (domain: string) => readonly AutodiscoverCandidate[];

export type SrvTarget = {
  readonly name: string;
  readonly port: number;
  readonly priority: number;
  readonly weight: number;
};
export type SrvResolver = (name: string, signal: AbortSignal) => Promise<readonly SrvTarget[]>;

const poxPath = '/autodiscover/autodiscover.xml';

/**
 * The documented order after the Active Directory SCP lookup: the domain itself, then the
 * `autodiscover.` host, then the plain-http redirect check, then DNS SRV.
 */
// Limitation: the SCP objects in Active Directory (the first source for domain-joined
// clients) are not read, and only POX Autodiscover is spoken (not the SOAP .svc endpoint);
// sites that publish Autodiscover only through SCP need the EWS URL.
export function documentedCandidates(domain: string): AutodiscoverCandidate[] {
  return [
    {kind: 'post', url: new URL(`https://${domain}${poxPath}`)},
    {kind: 'post', url: new URL(`https://autodiscover.${domain}${poxPath}`)},
    {kind: 'http-redirect', url: new URL(`http://autodiscover.${domain}${poxPath}`)},
    {kind: 'srv', name: `_autodiscover._tcp.${domain}`},
  ];
}

/** The POX URL on the best SRV target (lowest priority, then highest weight), https only. */
export function srvCandidate(targets: readonly SrvTarget[]): URL | null {
  const best = [...targets].sort((a, b) => a.priority - b.priority || b.weight - a.weight)[0];
  if (best === undefined || best.name === '') return null;
  const port = best.port === 443 ? '' : `:${best.port}`;
  return new URL(`https://${best.name}${port}${poxPath}`);
}

/** DNS SRV through the system's resolvers, cancelled with the signal. */
export const systemSrvResolver: SrvResolver = async (name, signal) => {
  if (signal.aborted) throw cancelledError();
  const resolver = new Resolver({timeout: 3000, tries: 2});
  const cancel = () => resolver.cancel();
  signal.addEventListener('abort', cancel, {once: true});
  try {
    return await resolver.resolveSrv(name);
  } catch (error) {
    if (signal.aborted) throw cancelledError();
    throw error;
  } finally {
    signal.removeEventListener('abort', cancel);
  }
};
