import {
  findAccount,
  mailboxExists,
  mayImpersonate,
  mayOpen,
  type EwsAccount,
  type EwsOrganisation,
} from './accounts.js';
import {readBasicAuthorization} from './basic-auth.js';
import {failureReply, failureStage, type EwsFailure} from './failures.js';
import {readGetFolderRequest, type GetFolderRequest} from './get-folder-request.js';
import {
  getFolderError,
  getFolderSuccess,
  html,
  soapFault,
  unauthorized,
  type Reply,
  type SimulatedServer,
} from './replies.js';

/** Everything that decides an answer; the simulator owns it and its controls change it. */
export type EwsSimulatorState = {
  organisation: EwsOrganisation;
  basicEnabled: boolean;
  realm: string;
  server: SimulatedServer;
  /** RequestServerVersion values this server accepts. */
  schemaVersions: readonly string[];
  pendingFailures: EwsFailure[];
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
  /** The user who logged in, when the password was right. */
  readonly user: string | null;
  readonly request: GetFolderRequest | null;
};

const ewsPath = '/ews/exchange.asmx';

/** Answers one request the way an Exchange CAS with Basic on its EWS virtual directory does. */
export function handleEwsRequest(state: EwsSimulatorState, incoming: IncomingRequest): Outcome {
  const failure = takeFailure(state, 'before-auth');
  if (failure !== undefined) return {reply: failureReply(failure), user: null, request: null};

  if (incoming.path.split('?', 1)[0]?.toLowerCase() !== ewsPath) {
    return {reply: html(404, {}, '404 - File or directory not found.'), user: null, request: null};
  }

  const account = authenticate(state, incoming.authorization);
  if (account === undefined) {
    return {reply: unauthorized(challenges(state)), user: null, request: null};
  }
  const user = account.user;

  if (incoming.method !== 'POST') {
    return {reply: html(405, {allow: 'POST'}, '405 - Method not allowed.'), user, request: null};
  }
  if (!/^text\/xml\b/i.test(incoming.contentType ?? '')) {
    return {reply: html(415, {}, '415 - Unsupported media type.'), user, request: null};
  }

  const afterAuth = takeFailure(state, 'after-auth');
  if (afterAuth !== undefined) return {reply: failureReply(afterAuth), user, request: null};

  const read = readGetFolderRequest(incoming.body);
  if (read.kind === 'invalid') {
    const text = `The request failed schema validation: ${read.reason}.`;
    return {reply: soapFault('ErrorSchemaValidation', text), user, request: null};
  }
  if (read.kind === 'other-operation') {
    return {
      reply: soapFault('ErrorInvalidRequest', 'The request is invalid.'),
      user,
      request: null,
    };
  }

  const {request} = read;
  return {reply: answerGetFolder(state, account, request), user, request};
}

function answerGetFolder(
  state: EwsSimulatorState,
  account: EwsAccount,
  request: GetFolderRequest,
): Reply {
  const {organisation, server} = state;

  // An absent header means the oldest schema, which every version accepts.
  if (request.schemaVersion !== null && !state.schemaVersions.includes(request.schemaVersion)) {
    return soapFault('ErrorInvalidServerVersion', 'The specified server version is invalid.');
  }

  let actingMailbox = account.mailbox;
  if (request.impersonate !== null) {
    if (!mailboxExists(organisation, request.impersonate)) {
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
      server,
      'ErrorMissingEmailAddress',
      'When making a request as an account that does not have a mailbox, you must specify the ' +
        'mailbox primary SMTP address for any distinguished folder Ids.',
    );
  }
  if (!mailboxExists(organisation, target)) {
    return getFolderError(
      server,
      'ErrorNonExistentMailbox',
      'The SMTP address has no mailbox associated with it.',
    );
  }
  if (request.mailbox !== null && request.impersonate === null && !mayOpen(account, target)) {
    return getFolderError(
      server,
      'ErrorAccessDenied',
      'Access is denied. Check credentials and try again.',
    );
  }

  return getFolderSuccess(server, folderIdOf(target, request.folder));
}

function authenticate(
  state: EwsSimulatorState,
  header: string | undefined,
): EwsAccount | undefined {
  // Limitation: only Basic is served; Negotiate and NTLM are advertised but never accepted.
  if (!state.basicEnabled) return undefined;
  const credentials = readBasicAuthorization(header);
  if (credentials === null) return undefined;
  const account = findAccount(state.organisation, credentials.user);
  return account?.password === credentials.password ? account : undefined;
}

function challenges(state: EwsSimulatorState): string[] {
  const windows = ['Negotiate', 'NTLM'];
  return state.basicEnabled ? [...windows, `Basic realm="${state.realm}"`] : windows;
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
