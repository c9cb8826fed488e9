import {BindError} from '../../errors.js';
import {authenticatedPost, type EwsCredentials} from '../authenticated-post.js';
import {answeredWithoutTls} from '../../http/tls-mismatch.js';
import {describeError, errorCode} from '../error-code.js';
import {parseEwsUrl} from '../ews-url.js';
import {exchangeHttp, headerValue} from '../http-exchange.js';
import type {Transport} from '../transport.js';
import type {AutodiscoverTarget} from './address.js';
import {nothingFound, type Findings} from './nothing-found.js';
import {srvCandidate, type CandidateSource, type SrvResolver} from './candidates.js';
import {buildPoxRequest} from './pox-request.js';
import {parsePoxResponse} from './pox-response.js';
import {
  checkRedirect,
  maxAutodiscoverRedirects,
  newRedirectState,
  type RedirectState,
} from './redirect-policy.js';

export type DiscoverOptions = {
  readonly transport: Transport;
  readonly credentials: EwsCredentials;
  readonly candidates: CandidateSource;
  readonly resolveSrv: SrvResolver;
  /** Bound on each candidate, so one silent host does not use up the whole budget. */
  readonly candidateTimeoutMs: number;
  readonly signal: AbortSignal;
};

export type Discovered = {
  readonly ewsUrl: URL;
  /** The Autodiscover URL that answered. */
  readonly answeredBy: URL;
};

// POX Autodiscover's ErrorCode for "The email address can't be found."
const addressNotFound = '500';

type Step =
  | {readonly kind: 'found'; readonly found: Discovered}
  | {readonly kind: 'restart'; readonly address: string}
  | {readonly kind: 'next'};

/**
 * POX Autodiscover for a mailbox address: each documented candidate in turn until one names an
 * EWS URL. A 401, a refused connection or an error answer moves on to the next candidate;
 * redirects are followed only as `checkRedirect` allows.
 */
export async function discoverEwsUrl(
  target: AutodiscoverTarget,
  options: DiscoverOptions,
): Promise<Discovered> {
  const state = newRedirectState();
  const findings: Findings = {tried: [], unknown: new Set()};
  let current = target.address;

  for (;;) {
    state.seen.add(`address:${current.toLowerCase()}`);
    const domain = current.slice(current.lastIndexOf('@') + 1);
    const step = await walkCandidates(current, domain, state, findings, options);
    if (step.kind === 'found') return step.found;
    if (step.kind === 'next') throw nothingFound(target, findings);

    const seenBefore = state.seen.has(`address:${step.address.toLowerCase()}`);
    if (!step.address.includes('@') || seenBefore || state.redirects >= maxAutodiscoverRedirects) {
      findings.tried.push(`redirect to the address ${step.address} not followed`);
      throw nothingFound(target, findings);
    }
    state.redirects += 1;
    current = step.address;
  }
}

async function walkCandidates(
  address: string,
  domain: string,
  state: RedirectState,
  findings: Findings,
  options: DiscoverOptions,
): Promise<Step> {
  const {tried} = findings;
  // A name that does not exist does not exist over http either: asked once, named once.
  const unknownHosts = new Set<string>();
  for (const candidate of options.candidates(domain)) {
    if (candidate.kind !== 'srv' && unknownHosts.has(candidate.url.hostname)) continue;
    const signal = candidateSignal(options);
    try {
      let url: URL | null = candidate.kind === 'srv' ? null : candidate.url;
      if (candidate.kind === 'srv') {
        url = srvCandidate(await options.resolveSrv(candidate.name, signal));
        if (url === null) {
          tried.push(`${candidate.name}: no SRV record`);
          continue;
        }
      } else if (candidate.kind === 'http-redirect') {
        url = await redirectTarget(candidate.url, state, tried, options.transport, signal);
        if (url === null) continue;
      }
      const step = await postTo(url as URL, address, state, findings, {...options, signal});
      if (step.kind !== 'next') return step;
    } catch (error) {
      if (options.signal.aborted) throw error;
      const where = candidate.kind === 'srv' ? candidate.name : candidate.url.host;
      tried.push(`${where}: ${failureReason(error, signal)}`);
      if (candidate.kind !== 'srv' && errorCode(error) === 'ENOTFOUND') {
        unknownHosts.add(candidate.url.hostname);
      }
    }
  }
  return {kind: 'next'};
}

/** POSTs the request and follows what the answer says, redirects included. */
async function postTo(
  first: URL,
  address: string,
  state: RedirectState,
  findings: Findings,
  options: DiscoverOptions,
): Promise<Step> {
  const {tried} = findings;
  let url = first;
  // Redirects and SRV targets are https already; a candidate given as http:// is never sent
  // the credentials either.
  if (url.protocol !== 'https:') {
    tried.push(`${url.host}: plain http:// refused, nothing sent`);
    return {kind: 'next'};
  }
  for (;;) {
    state.seen.add(url.href);
    const {answer} = await authenticatedPost(
      options.transport,
      url,
      {contentType: 'text/xml; charset=utf-8', body: buildPoxRequest(address)},
      options.credentials,
      options.signal,
    );

    let location: string | undefined;
    if (answer.status === 301 || answer.status === 302) {
      location = headerValue(answer, 'location');
    } else if (answer.status !== 200) {
      tried.push(
        `${url.host}: HTTP ${answer.status}${answer.status === 401 ? ' (sign-in refused)' : ''}`,
      );
      return {kind: 'next'};
    } else {
      const pox = parsePoxResponse(answer.body);
      switch (pox.kind) {
        case 'settings': {
          const ewsUrl = pox.ewsUrl === null ? null : validEwsUrl(pox.ewsUrl);
          if (ewsUrl !== null) return {kind: 'found', found: {ewsUrl, answeredBy: url}};
          const plain = pox.ewsUrl !== null && /^http:/i.test(pox.ewsUrl.trim());
          const why = plain
            ? 'the EWS URL in the answer is plain http://, refused'
            : 'no usable EWS URL in the answer';
          tried.push(`${url.host}: ${why}`);
          return {kind: 'next'};
        }
        case 'redirect-address':
          return {kind: 'restart', address: pox.address};
        case 'redirect-url':
          location = pox.url;
          break;
        case 'error':
          tried.push(`${url.host}: Autodiscover error ${pox.code} (${pox.message})`);
          if (pox.code === addressNotFound) findings.unknown.add(address.toLowerCase());
          return {kind: 'next'};
        case 'not-autodiscover':
          tried.push(`${url.host}: not an Autodiscover answer`);
          return {kind: 'next'};
        default: {
          const unknown: never = pox;
          return unknown;
        }
      }
    }

    const next = checkRedirect(url, location ?? '', state);
    if (!next.ok) {
      tried.push(`${url.host}: ${next.reason}`);
      return {kind: 'next'};
    }
    url = next.url;
  }
}

/** The plain-http candidate: only its redirect to https counts; nothing is sent to it. */
async function redirectTarget(
  url: URL,
  state: RedirectState,
  tried: string[],
  transport: Transport,
  signal: AbortSignal,
): Promise<URL | null> {
  const answer = await exchangeHttp(transport, url, {method: 'GET', headers: {}}, signal);
  const location = headerValue(answer, 'location');
  if ((answer.status !== 301 && answer.status !== 302) || location === undefined) {
    tried.push(`${url.host}: HTTP ${answer.status}, no redirect`);
    return null;
  }
  const next = checkRedirect(url, location, state);
  if (!next.ok) {
    tried.push(`${url.host}: ${next.reason}`);
    return null;
  }
  return next.url;
}

function candidateSignal(options: DiscoverOptions): AbortSignal {
  return AbortSignal.any([options.signal, AbortSignal.timeout(options.candidateTimeoutMs)]);
}

function validEwsUrl(typed: string): URL | null {
  try {
    return parseEwsUrl(typed);
  } catch {
    return null;
  }
}

/** What a failed candidate's code means, in a word or two, for the list of what was tried. */
const reasonWords: Readonly<Record<string, string>> = {
  ENOTFOUND: 'name not found',
  EAI_AGAIN: 'name not resolved',
  ECONNREFUSED: 'connection refused',
  ECONNRESET: 'connection reset',
  UND_ERR_SOCKET: 'connection closed without an answer',
  UND_ERR_CONNECT_TIMEOUT: 'no connection in time',
};

function failureReason(error: unknown, signal: AbortSignal): string {
  if (signal.aborted) return 'no answer in time';
  if (error instanceof BindError) return error.message;
  const plain = answeredWithoutTls(error);
  if (plain !== null) return `does not speak TLS on that port (${plain})`;
  const code = errorCode(error);
  if (code === undefined) return describeError(error);
  const words = reasonWords[code];
  return words === undefined ? code : `${words} (${code})`;
}
