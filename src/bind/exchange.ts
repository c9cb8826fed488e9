import {Client} from 'undici';

import {BindError, cancelledError} from './errors.js';
import {
  classifyHttpStatus,
  classifyRedirect,
  classifyResponseCode,
  classifyTransportError,
  classifyUnauthorized,
  timeoutError,
  type ProbeTarget,
} from './exchange/classify.js';
import type {EwsSchemaVersion} from './exchange/ews-namespaces.js';
import {parseEwsUrl} from './exchange/ews-url.js';
import {postSoap, type SoapAnswer} from './exchange/post-soap.js';
import {describeServerVersion, formatBuildNumber} from './exchange/server-version.js';
import {buildGetFolderEnvelope} from './exchange/soap-request.js';
import {parseEwsReply, type EwsReply} from './exchange/soap-response.js';
import {readTrustedCa} from './exchange/trusted-ca.js';
import {offeredSchemes} from './exchange/www-authenticate.js';
import type {ExchangeSettings} from './settings.js';

export type ExchangeValidationOptions = {
  readonly signal: AbortSignal;
  /** PEM file trusted in addition to the system CAs; empty means none. */
  readonly caFile?: string;
  readonly timeoutMs?: number;
};

export type ExchangeValidation = {
  /** One line for the step panel, e.g. `Exchange 15.2 (build 1544.4) · mailbox root readable`. */
  readonly fact: string;
  /** Dotted build, e.g. `15.2.1544.4`, or null when the server did not say. */
  readonly serverVersion: string | null;
};

export const defaultExchangeTimeoutMs = 15_000;

type Answer = {readonly http: SoapAnswer; readonly reply: EwsReply};

/**
 * Step 4: proves that the Exchange service account can log in to EWS and read the probed
 * mailbox, with one GetFolder on its message folder root. Throws a classified BindError.
 */
export async function validateExchange(
  settings: ExchangeSettings,
  password: string,
  options: ExchangeValidationOptions,
): Promise<ExchangeValidation> {
  const {signal} = options;
  if (signal.aborted) throw cancelledError();

  const target = checkSettings(settings, password);
  const ca = options.caFile ? await readTrustedCa(options.caFile, signal) : undefined;
  const timeoutMs = options.timeoutMs ?? defaultExchangeTimeoutMs;
  const deadline = AbortSignal.timeout(timeoutMs);

  // One connection for the whole probe, destroyed at the end whatever happened, so an abort
  // or a timeout never leaves a socket open.
  const client = new Client(target.url.origin, ca === undefined ? {} : {connect: {ca}});
  try {
    const authorization = basicAuthorization(settings.user, password);
    return await probe(client, target, authorization, AbortSignal.any([signal, deadline]));
  } catch (error) {
    if (signal.aborted) throw cancelledError();
    if (error instanceof BindError) throw error;
    if (deadline.aborted) throw timeoutError(target, timeoutMs);
    throw classifyTransportError(target, error);
  } finally {
    await client.destroy();
  }
}

async function probe(
  client: Client,
  target: ProbeTarget,
  authorization: string,
  signal: AbortSignal,
): Promise<ExchangeValidation> {
  const ask = async (version: EwsSchemaVersion): Promise<Answer> => {
    const envelope = buildGetFolderEnvelope({version, ...target});
    const http = await postSoap(client, target.url, envelope, authorization, signal);
    return {http, reply: parseEwsReply(http.body)};
  };

  // Exchange 2010 does not know the 2013 schema; it is the only server worth a second try.
  let answer = await ask('Exchange2013_SP1');
  if (responseCodeOf(answer.reply) === 'ErrorInvalidServerVersion') {
    answer = await ask('Exchange2010_SP2');
  }
  return interpret(target, answer);
}

function interpret(target: ProbeTarget, {http, reply}: Answer): ExchangeValidation {
  if (http.status === 401) {
    throw classifyUnauthorized(target, offeredSchemes(http.headers['www-authenticate']));
  }
  if (http.status >= 300 && http.status < 400) {
    throw classifyRedirect(target, firstValue(http.headers.location));
  }
  if (reply.kind === 'fault' || reply.kind === 'message-error') {
    throw classifyResponseCode(target, reply.responseCode, reply.text);
  }
  if (reply.kind !== 'success' || http.status !== 200) {
    throw classifyHttpStatus(target, http.status);
  }

  const server = describeServerVersion(reply.serverVersion);
  return {
    fact: `${server} · mailbox root readable (${access(target)})`,
    serverVersion: reply.serverVersion === null ? null : formatBuildNumber(reply.serverVersion),
  };
}

function checkSettings(settings: ExchangeSettings, password: string): ProbeTarget {
  if (settings.authScheme === 'ntlm') {
    // Limitation: NTLM (both legs on one connection) is not implemented yet; only Basic is.
    throw new BindError(
      'auth-scheme',
      'NTLM authentication to Exchange is not available in this version of mse-bind.',
      'Enable Basic authentication on the EWS virtual directory and choose Basic.',
    );
  }

  const url = parseEwsUrl(settings.ewsUrl);
  const user = settings.user.trim();
  const mailbox = settings.mailbox.trim();
  if (user === '' || user.includes(':')) {
    throw new BindError(
      'input',
      user === '' ? 'No Exchange service account is given.' : 'The Exchange user name has a ":".',
      'Enter the service account as user@domain or DOMAIN\\user.',
    );
  }
  if (password === '') {
    throw new BindError(
      'input',
      `No password is given for the Exchange service account ${user}.`,
      'Enter the service account password.',
    );
  }
  if (settings.accessMode !== 'own' && mailbox === '') {
    throw new BindError(
      'input',
      `${settings.accessMode === 'delegate' ? 'Delegate' : 'Impersonation'} access needs a ` +
        'mailbox to probe.',
      'Enter the SMTP address of a mailbox the service account may open.',
    );
  }
  return {url, user, accessMode: settings.accessMode, mailbox};
}

function basicAuthorization(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`, 'utf8').toString('base64')}`;
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

function firstValue(header: string | string[] | undefined): string | undefined {
  return Array.isArray(header) ? header[0] : header;
}
