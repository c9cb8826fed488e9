import {BindError} from '../errors.js';
import {orChooseBasic} from './basic-alternative.js';
import type {SentCredentials} from './classify-unauthorized.js';
import {exchangeHttp, type HttpAnswer} from './http-exchange.js';
import {ntlmAccount} from './ntlm-account.js';
import {authenticateMessage, challengeFrom, negotiateMessage} from './ntlm-handshake.js';
import type {Transport} from './transport.js';
import {offeredSchemes, offersScheme} from './www-authenticate.js';

/** How the probe signs in: a password for Basic / NTLM, or an OAuth access token. */
export type EwsCredentials =
  | {
      readonly kind: 'password';
      readonly scheme: 'basic' | 'ntlm' | 'auto';
      readonly user: string;
      readonly password: string;
    }
  | {readonly kind: 'token'; readonly token: string};

export type AuthenticatedAnswer = {
  readonly answer: HttpAnswer;
  /** What the request that produced the answer carried. */
  readonly sent: SentCredentials;
};

export type PostBody = {
  readonly contentType: string;
  readonly body: string;
  readonly headers?: Readonly<Record<string, string>>;
};

/**
 * One authenticated POST. NTLM takes two requests on one connection: the negotiate message
 * with an empty body, then the authenticate message with the real body. `auto` starts the same
 * way and, when the 401 holds no NTLM challenge, falls back to Basic if the server offers it:
 * the password then travels only to a server that asked for it.
 */
export async function authenticatedPost(
  transport: Transport,
  url: URL,
  post: PostBody,
  credentials: EwsCredentials,
  signal: AbortSignal,
): Promise<AuthenticatedAnswer> {
  const send = (authorization: string, body: string) =>
    exchangeHttp(
      transport,
      url,
      {
        method: 'POST',
        headers: {
          'content-type': post.contentType,
          accept: post.contentType.split(';', 1)[0] ?? '*/*',
          ...post.headers,
          authorization,
        },
        body,
      },
      signal,
    );

  if (credentials.kind === 'token') {
    return {answer: await send(`Bearer ${credentials.token}`, post.body), sent: 'bearer'};
  }
  const {scheme, user, password} = credentials;
  const basic = `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
  if (scheme === 'basic') return {answer: await send(basic, post.body), sent: 'basic'};

  const account = ntlmAccount(user);
  const negotiate = await send(negotiateMessage(account), '');
  if (negotiate.status !== 401) return {answer: negotiate, sent: 'ntlm-negotiate'};

  const challenge = challengeFrom(negotiate.headers['www-authenticate']);
  const offered = offeredSchemes(negotiate.headers['www-authenticate']);
  if (challenge === null) {
    if (scheme === 'auto' && offersScheme(offered, 'Basic')) {
      return {answer: await send(basic, post.body), sent: 'basic'};
    }
    return {answer: negotiate, sent: 'ntlm-negotiate'};
  }

  const connectionsAtChallenge = transport.connectionsTo(url);
  const authenticate = authenticateMessage(url.host, challenge, account, password, offered);
  const answer = await send(authenticate, post.body);
  const reconnected = transport.connectionsTo(url) !== connectionsAtChallenge;
  if (answer.status === 401 && reconnected) {
    throw connectionNotKept(url, transport, offeredSchemes(answer.headers['www-authenticate']));
  }
  return {answer, sent: 'ntlm'};
}

// The server's challenge belongs to the connection it was sent on; an authenticate message
// on a new connection is refused whatever the password, so this is not a password problem.
function connectionNotKept(url: URL, transport: Transport, offered: readonly string[]): BindError {
  const proxy = transport.proxyFor(url);
  return new BindError(
    'network',
    `The connection to ${url.host} was not kept between the two NTLM steps` +
      `${proxy === null ? '' : ` (through the proxy ${proxy})`}, so Exchange could not check ` +
      'the password.',
    proxy === null
      ? 'Check that a load balancer in front of Exchange keeps client connections ' +
          `(no per-request balancing)${orChooseBasic(offered)}.`
      : 'Use a proxy that keeps connections (CONNECT tunnels) or bypass it with NO_PROXY' +
          `${orChooseBasic(offered)}.`,
    {setting: proxy === null ? 'ewsUrl' : 'proxyUrl'},
  );
}
