import {mailboxExists, mayImpersonate, mayOpen, type EwsAccount} from './accounts.js';
import {authenticate, type AuthSetup, type Principal} from './authenticate.js';
import {answerAutodiscover, type AutodiscoverBehaviour} from './autodiscover-reply.js';
import type {ConnectionState} from './connection-state.js';
import {failureReply, failureStage, type EwsFailure} from './failures.js';
import {readGetFolderRequest, type GetFolderRequest} from './get-folder-request.js';
import {
  getFolderError,
  getFolderSuccess,
  html,
  soapFault,
  type Reply,
  type SimulatedServer,
} from './replies.js';

/** Everything that decides an answer; the simulator owns it and its controls change it. */
export type EwsSimulatorState = AuthSetup & {
  server: SimulatedServer;
  /** RequestServerVersion values this server accepts. */
  schemaVersions: readonly string[];
  pendingFailures: EwsFailure[];
  autodiscover: AutodiscoverBehaviour;
  /** The simulator's own EWS URL, which Autodiscover hands out. */
  ewsUrl: string;
};

export type IncomingRequest = {
  readonly method: string;
  readonly path: string;
  readonly authorization: string | undefined;
  readonly contentType: string | undefined;
  readonly body: string;
};

export type Outcome = {
  readonly reply: Reply | 'hang';
  /** Who signed in (a user, or `app <client id>`), when the credentials were right. */
  readonly user: string | null;
  /** Who tried to sign in, right or wrong. */
  readonly attemptedUser: string | null;
  readonly request: GetFolderRequest | null;
};

const ewsPath = '/ews/exchange.asmx';
const autodiscoverPath = '/autodiscover/autodiscover.xml';

/**
 * Answers one request the way an Exchange CAS does: its EWS endpoint and POX Autodiscover,
 * behind Basic, NTLM (per connection) or OAuth bearer tokens, as the setup allows.
 */
export function handleEwsRequest(
  state: EwsSimulatorState,
  incoming: IncomingRequest,
  connection: ConnectionState,
): Outcome {
  const nobody = {user: null, attemptedUser: null, request: null};
  const failure = takeFailure(state, 'before-auth');
  if (failure !== undefined) return {...nobody, reply: failureReply(failure, state.server)};

  const path = incoming.path.split('?', 1)[0]?.toLowerCase();
  if (path !== ewsPath && path !== autodiscoverPath) {
    return {...nobody, reply: html(404, {}, '404 - File or directory not found.')};
  }

  const auth = authenticate(state, incoming.authorization, connection);
  if (auth.kind === 'reply') return {...nobody, attemptedUser: auth.name, reply: auth.reply};
  const signedIn = {user: auth.name, attemptedUser: auth.attempted, request: null};

  if (incoming.method !== 'POST') {
    return {...signedIn, reply: html(405, {allow: 'POST'}, '405 - Method not allowed.')};
  }
  if (!/^text\/xml\b/i.test(incoming.contentType ?? '')) {
    return {...signedIn, reply: html(415, {}, '415 - Unsupported media type.')};
  }
  if (path === autodiscoverPath) {
    const reply = answerAutodiscover(
      incoming.body,
      state.autodiscover,
      state.organisation,
      state.ewsUrl,
    );
    return {...signedIn, reply};
  }

  const afterAuth = takeFailure(state, 'after-auth');
  if (afterAuth !== undefined) return {...signedIn, reply: failureReply(afterAuth, state.server)};

  const read = readGetFolderRequest(incoming.body);
  if (read.kind === 'invalid') {
    const text = `The request failed schema validation: ${read.reason}.`;
    return {...signedIn, reply: soapFault('ErrorSchemaValidation', text)};
  }
  if (read.kind === 'other-operation') {
    return {...signedIn, reply: soapFault('ErrorInvalidRequest', 'The request is invalid.')};
  }

  const {request} = read;
  return {...signedIn, request, reply: answerGetFolder(state, auth.principal, request)};
}

function answerGetFolder(
  state: EwsSimulatorState,
  principal: Principal,
  request: GetFolderRequest,
): Reply {
  // An absent header means the oldest schema, which every version accepts.
  if (request.schemaVersion !== null && !state.schemaVersions.includes(request.schemaVersion)) {
    return soapFault('ErrorInvalidServerVersion', 'The specified server version is invalid.');
  }
  return principal.kind === 'app'
    ? answerForApp(state, request)
    : answerForUser(state, principal.account, request);
}

/** An app-only token acts only as the mailbox it impersonates (full_access_as_app). */
function answerForApp(state: EwsSimulatorState, request: GetFolderRequest): Reply {
  if (request.impersonate === null) {
    return soapFault(
      'ErrorInvalidExchangeImpersonationHeaderData',
      'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
    );
  }
  if (!mailboxExists(state.organisation, request.impersonate)) {
    return soapFault(
      'ErrorNonExistentMailbox',
      'The SMTP address has no mailbox associated with it.',
    );
  }
  return readFolder(state, request.mailbox ?? request.impersonate, request.folder);
}

function answerForUser(
  state: EwsSimulatorState,
  account: EwsAccount,
  request: GetFolderRequest,
): Reply {
  let actingMailbox = account.mailbox;
  if (request.impersonate !== null) {
    if (!mailboxExists(state.organisation, request.impersonate)) {
      return soapFault(
        'ErrorNonExistentMailbox',
        'The SMTP address has no mailbox associated with it.',
      );
    }
    if (!mayImpersonate(account, request.impersonate)) {
      return soapFault(
        'ErrorImpersonateUserDenied',
        'The account does not have permission to impersonate the requested user.',
      );
    }
    actingMailbox = request.impersonate;
  }

  const target = request.mailbox ?? actingMailbox;
  if (target === null) {
    return getFolderError(
      state.server,
      'ErrorMissingEmailAddress',
      'When making a request as an account that does not have a mailbox, you must specify the ' +
        'mailbox primary SMTP address for any distinguished folder Ids.',
    );
  }
  if (
    mailboxExists(state.organisation, target) &&
    request.mailbox !== null &&
    request.impersonate === null &&
    !mayOpen(account, target)
  ) {
    return getFolderError(
      state.server,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
  }
  return readFolder(state, target, request.folder);
}

function readFolder(state: EwsSimulatorState, mailbox: string, folder: string): Reply {
  if (!mailboxExists(state.organisation, mailbox)) {
    return getFolderError(
      state.server,
      'ErrorNonExistentMailbox',
      'The SMTP address has no mailbox associated with it.',
    );
  }
  return getFolderSuccess(state.server, folderIdOf(mailbox, folder));
}

function takeFailure(
  state: EwsSimulatorState,
  stage: 'before-auth' | 'after-auth',
): EwsFailure | undefined {
  const next = state.pendingFailures[0];
  if (next === undefined || failureStage(next) !== stage) return undefined;
  return state.pendingFailures.shift();
}

/** Stable per mailbox and folder, shaped like an EWS id. */
function folderIdOf(mailbox: string, folder: string): string {
  const id = Buffer.from(`${mailbox.toLowerCase()}/${folder}`, 'utf8').toString('base64');
  return `AAMk${id}`;
}
