import {BindError, cancelledError} from './errors.js';
import {authenticatedPost, type EwsCredentials} from './exchange/authenticated-post.js';
import {
  documentedCandidates,
  systemSrvResolver,
  type CandidateSource,
  type SrvResolver,
} from './exchange/autodiscover/candidates.js';
import {discoverEwsUrl} from './exchange/autodiscover/discover.js';
import {classifyRedirect, classifyHttpStatus} from './exchange/classify-http.js';
import {
  classifyTransportError,
  timeoutError,
  type TransportTarget,
} from './exchange/classify-transport.js';
import {classifyUnauthorized, type SentCredentials} from './exchange/classify-unauthorized.js';
import {requestAppToken} from './exchange/entra-token.js';
import type {EwsSchemaVersion} from './exchange/ews-namespaces.js';
import {isExchangeOnline} from './exchange/ews-url.js';
import {headerValue, type HttpAnswer} from './exchange/http-exchange.js';
import {parseMsDiagnostics} from './exchange/ms-diagnostics.js';
import type {ProbeTarget} from './exchange/probe-target.js';
import {planProbe, type ProbePlan} from './exchange/probe-plan.js';
import {parseProxySetting} from './http/proxy-choice.js';
import {networkEnvironment} from './http/network-environment.js';
import {classifyResponseCode} from './exchange/response-code-rules.js';
import {describeServerVersion, formatBuildNumber} from './exchange/server-version.js';
import {buildGetFolderEnvelope} from './exchange/soap-request.js';
import {parseEwsReply, type EwsReply} from './exchange/soap-response.js';
import {createTransport, type Transport} from './exchange/transport.js';
import {readTrustedCa} from './http/trusted-ca.js';
import {challengeParameter, offeredSchemes} from './exchange/www-authenticate.js';
import type {ExchangeSettings} from './settings.js';

export type ExchangeValidationOptions = {
  readonly signal: AbortSignal;
  /** PEM file trusted in addition to the system CAs; empty means none. */
  readonly caFile?: string;
  /** Bound on the whole validation, Autodiscover and token request included. */
  readonly timeoutMs?: number;
  /** OAuth: the app registration's client secret (`SiteSecrets.exchangeClientSecret`). */
  readonly clientSecret?: string;
  /** The site's proxy setting (`NetworkSettings.proxyUrl`); empty means the environment's. */
  readonly proxyUrl?: string;
  /**
   * Where HTTPS_PROXY, HTTP_PROXY, NO_PROXY and NODE_EXTRA_CA_CERTS are read; defaults to
   * `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Autodiscover's candidates for a domain; defaults to the documented order. */
  readonly autodiscoverCandidates?: CandidateSource;
  /** DNS SRV lookups for Autodiscover; defaults to the system resolvers. */
  readonly resolveSrv?: SrvResolver;
};

export type ExchangeValidation = {
  /** One line for the step panel, e.g. `Exchange 15.2 (build 1544.4) · mailbox root readable`. */
  readonly fact: string;
  /** Dotted build, e.g. `15.2.1544.4`, or null when the server did not say. */
  readonly serverVersion: string | null;
  /** The EWS URL that answered: as entered, or found by Autodiscover (then save it). */
  readonly ewsUrl: string;
  readonly autodiscovered: boolean;
  /** How the probe signed in; `auto` settles on one of the others. */
  readonly authScheme: 'basic' | 'ntlm' | 'oauth';
};

export const defaultExchangeTimeoutMs = 15_000;

type Answer = {
  readonly http: HttpAnswer;
  readonly sent: SentCredentials;
  readonly reply: EwsReply;
};

/**
 * Step 4: proves that the Exchange service account (or the OAuth app) can sign in to EWS and
 * read the probed mailbox, with one GetFolder on its message folder root. Finds the EWS URL
 * with Autodiscover when only a mailbox address is given. Throws a classified BindError.
 */
export async function validateExchange(
  settings: ExchangeSettings,
  password: string,
  options: ExchangeValidationOptions,
): Promise<ExchangeValidation> {
  const {signal} = options;
  if (signal.aborted) throw cancelledError();

  const plan = planProbe(settings, password, options.clientSecret ?? '');
  parseProxySetting(options.proxyUrl ?? '');
  const env = networkEnvironment(options.env ?? process.env);
  // Whatever carries a credential goes over TLS (the EWS URL, Autodiscover's and Entra ID's
  // are https only), so the CA file is always read, before the first connection.
  const ca = await readTrustedCa(options.caFile ?? '', env, signal);
  const timeoutMs = options.timeoutMs ?? defaultExchangeTimeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);
  const transport = createTransport({
    ca,
    proxySetting: options.proxyUrl ?? '',
    env,
    connectTimeoutMs: Math.min(timeoutMs, 10_000),
    responseTimeoutMs: timeoutMs,
  });

  // Which service the validation is talking to, so a transport failure names the right host.
  let stage: TransportTarget = stageOf(plan, transport);
  const combined = AbortSignal.any([signal, deadline]);
  // A cancel or the deadline ends a connection still being made at once (connection-progress.ts).
  const abandon = () => transport.abandonPending();
  combined.addEventListener('abort', abandon, {once: true});
  try {
    let credentials: EwsCredentials;
    if (plan.oauth === null) {
      credentials = plan.credentials;
    } else {
      const {endpoint} = plan.oauth;
      const proxy = transport.proxyFor(endpoint);
      stage = {url: endpoint, service: 'Entra ID', setting: 'exchangeAuthority', proxy};
      const token = await requestAppToken(transport, endpoint, plan.oauth, combined);
      credentials = {kind: 'token', token};
    }

    let ewsUrl: URL;
    if (plan.autodiscover === null) {
      ewsUrl = plan.ewsUrl;
    } else {
      stage = {...stage, service: 'Autodiscover', setting: 'ewsUrl'};
      const found = await discoverEwsUrl(plan.autodiscover, {
        transport,
        credentials,
        candidates: options.autodiscoverCandidates ?? documentedCandidates,
        resolveSrv: options.resolveSrv ?? systemSrvResolver,
        candidateTimeoutMs: Math.min(5_000, timeoutMs),
        signal: combined,
      });
      ewsUrl = found.ewsUrl;
    }

    const target = probeTarget(settings, plan, ewsUrl, transport);
    stage = {url: ewsUrl, service: 'Exchange', setting: 'ewsUrl', proxy: target.proxy};
    const answer = await probe(transport, target, credentials, combined);
    return interpret(target, answer, plan.ewsUrl === null);
  } catch (error) {
    if (signal.aborted) throw cancelledError();
    if (error instanceof BindError) throw error;
    // Autodiscover tries several hosts: the progress of one of them would tell nothing.
    const progress = stage.service === 'Autodiscover' ? undefined : transport.progressOf(stage.url);
    if (deadline.aborted) throw timeoutError(stage, timeoutMs, progress);
    throw classifyTransportError(
      stage,
      error,
      progress === undefined ? undefined : {progress, connectTimeoutMs: transport.connectTimeoutMs},
    );
  } finally {
    combined.removeEventListener('abort', abandon);
    // Every socket goes at the end, whatever happened: an abort or a timeout leaves none open.
    await transport.destroy();
  }
}

async function probe(
  transport: Transport,
  target: ProbeTarget,
  credentials: EwsCredentials,
  signal: AbortSignal,
): Promise<Answer> {
  // App-only calls must name the mailbox they act for, for Exchange Online's routing.
  const headers = credentials.kind === 'token' ? {'x-anchormailbox': target.mailbox} : undefined;
  const ask = async (version: EwsSchemaVersion): Promise<Answer> => {
    const envelope = buildGetFolderEnvelope({version, ...target});
    const {answer, sent} = await authenticatedPost(
      transport,
      target.url,
      {contentType: 'text/xml; charset=utf-8', body: envelope, headers},
      credentials,
      signal,
    );
    return {http: answer, sent, reply: parseEwsReply(answer.body)};
  };

  // Exchange 2010 does not know the 2013 schema; it is the only server worth a second try.
  const answer = await ask('Exchange2013_SP1');
  if (responseCodeOf(answer.reply) !== 'ErrorInvalidServerVersion') return answer;
  return ask('Exchange2010_SP2');
}

function interpret(
  target: ProbeTarget,
  answer: Answer,
  autodiscovered: boolean,
): ExchangeValidation {
  const {http, reply, sent} = answer;
  if (http.status === 401) {
    throw classifyUnauthorized(target, {
      sent,
      offered: offeredSchemes(http.headers['www-authenticate']),
      diagnostics: parseMsDiagnostics(http.headers['x-ms-diagnostics']),
      challengeError: challengeParameter(http.headers['www-authenticate'], 'error'),
    });
  }
  if (http.status >= 300 && http.status < 400) {
    throw classifyRedirect(target, headerValue(http, 'location'));
  }
  if (reply.kind === 'fault' || reply.kind === 'message-error') {
    throw classifyResponseCode(target, reply.responseCode, reply.text);
  }
  if (reply.kind !== 'success' || http.status !== 200) {
    throw classifyHttpStatus(target, http.status);
  }

  const scheme = sent === 'bearer' ? 'oauth' : sent === 'basic' ? 'basic' : 'ntlm';
  const parts = [
    describeServerVersion(reply.serverVersion),
    ...(autodiscovered ? [`EWS URL from Autodiscover: ${target.url.href}`] : []),
    `mailbox root readable (${access(target)})`,
  ];
  const chosen = target.scheme === 'auto' ? `, signed in with ${scheme.toUpperCase()}` : '';
  return {
    fact: parts.join(', ') + chosen,
    serverVersion: reply.serverVersion === null ? null : formatBuildNumber(reply.serverVersion),
    ewsUrl: target.url.href,
    autodiscovered,
    authScheme: scheme,
  };
}

function probeTarget(
  settings: ExchangeSettings,
  plan: ProbePlan,
  url: URL,
  transport: Transport,
): ProbeTarget {
  return {
    url,
    user: plan.user,
    accessMode: settings.accessMode,
    mailbox: plan.mailbox,
    scheme: settings.authScheme,
    exchangeOnline: isExchangeOnline(url),
    proxy: transport.proxyFor(url),
    clientId: plan.oauth?.clientId ?? '',
  };
}

function stageOf(plan: ProbePlan, transport: Transport): TransportTarget {
  const {address} = plan.autodiscover ?? {address: ''};
  const url = plan.ewsUrl ?? new URL(`https://${address.slice(address.lastIndexOf('@') + 1)}`);
  return {url, service: 'Exchange', setting: 'ewsUrl', proxy: transport.proxyFor(url)};
}

function responseCodeOf(reply: EwsReply): string | undefined {
  return reply.kind === 'fault' || reply.kind === 'message-error' ? reply.responseCode : undefined;
}

function access(target: ProbeTarget): string {
  switch (target.accessMode) {
    case 'own':
      return `own mailbox of ${target.user}`;
    case 'delegate':
      return `delegate access to ${target.mailbox}`;
    case 'impersonation':
      return `impersonation of ${target.mailbox}`;
    default: {
      const unknown: never = target.accessMode;
      return unknown;
    }
  }
}
