import {randomBytes} from 'node:crypto';

import {sameAddress, type EwsAccount, type EwsOrganisation} from './accounts.js';
import type {ConnectionState} from './connection-state.js';
import {buildChallengeMessage, readClientMessage, type ServerNames} from './ntlm-messages.js';
import {verifyNtlmV2} from './ntlm-verify.js';

export type NtlmStep =
  /** Answer 401 with this challenge line; the client answers on the same connection. */
  | {readonly kind: 'challenge'; readonly header: string}
  | {readonly kind: 'signed-in'; readonly account: EwsAccount; readonly user: string}
  /** Answer 401 with the plain challenges: wrong password, or no challenge on this connection. */
  | {readonly kind: 'refused'; readonly user: string | null};

/** One NTLM leg (`NTLM <token>` or a raw NTLM token under `Negotiate`) on a connection. */
export function ntlmStep(
  scheme: string,
  token: string,
  connection: ConnectionState,
  organisation: EwsOrganisation,
  names: ServerNames,
): NtlmStep {
  const pending = connection.pendingChallenge;
  const message = readClientMessage(token, pending?.unicode ?? true);
  if (message === null) return {kind: 'refused', user: null};

  if (message.type === 1) {
    const challenge = randomBytes(8);
    const built = buildChallengeMessage(challenge, message.flags, names);
    connection.pendingChallenge = {challenge, unicode: built.unicode};
    connection.ntlmAccount = null;
    return {kind: 'challenge', header: `${scheme} ${built.token}`};
  }

  // A challenge is answered once, and only on the connection that received it.
  connection.pendingChallenge = null;
  const user = message.domain === '' ? message.user : `${message.domain}\\${message.user}`;
  if (pending === null) return {kind: 'refused', user};

  const account = organisation.accounts.find(
    (candidate) =>
      namesAccount(candidate, message.domain, message.user, names) &&
      verifyNtlmV2({
        password: candidate.password,
        user: message.user,
        domain: message.domain,
        serverChallenge: pending.challenge,
        ntResponse: message.ntResponse,
      }),
  );
  if (account === undefined) return {kind: 'refused', user};
  connection.ntlmAccount = account;
  return {kind: 'signed-in', account, user};
}

/** `CONTOSO\svc-mse`, `contoso.example\svc-mse` and the UPN with no domain all name one user. */
function namesAccount(
  account: EwsAccount,
  domain: string,
  user: string,
  names: ServerNames,
): boolean {
  if (domain === '') return sameAddress(account.user, user);
  const at = account.user.lastIndexOf('@');
  const samAccountName = at === -1 ? account.user : account.user.slice(0, at);
  const dnsDomain = at === -1 ? names.dnsDomain : account.user.slice(at + 1);
  const domainMatches = [names.netbiosDomain, dnsDomain].some((known) =>
    sameAddress(known, domain),
  );
  return domainMatches && sameAddress(samAccountName, user);
}
