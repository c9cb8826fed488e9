import {hostname} from 'node:os';

import ntlm, {type Type2Message} from '@ewsjs/ntlm-client';

import {BindError} from '../errors.js';
import {orChooseBasic} from './basic-alternative.js';
import type {NtlmAccount} from './ntlm-account.js';

const challengeToken = /^(?:NTLM|Negotiate)\s+(TlRMTVNTUAAC[A-Za-z0-9+/=]*)\s*$/i;

/** NTLM's first leg: names the domain and workstation, carries no secret. */
export function negotiateMessage(account: NtlmAccount): string {
  return ntlm.createType1Message(workstation(), account.domain);
}

/**
 * The server's NTLM challenge (type 2) from a 401's `WWW-Authenticate` lines, or null when the
 * answer carries none. IIS sends one line per scheme; undici hands several over as an array.
 */
export function challengeFrom(header: string | readonly string[] | undefined): string | null {
  const lines = header === undefined ? [] : typeof header === 'string' ? [header] : header;
  for (const line of lines) {
    const token = challengeToken.exec(line.trim())?.[1];
    if (token !== undefined) return token;
  }
  return null;
}

// Limitation: no channel binding token is sent (the library has none), so an EWS virtual
// directory with Extended Protection set to Require refuses the sign-in; Accept, Microsoft's
// recommended front-end setting, works. Kerberos (Negotiate with a ticket) is not offered.
/**
 * NTLM's last leg: the NTLMv2 response to the server's challenge. A server that negotiates
 * only NTLMv1 (no extended session security, no target information) is refused rather than
 * answered with the weak v1 response. `offered` are the schemes the challenge's 401 listed.
 */
export function authenticateMessage(
  host: string,
  token: string,
  account: NtlmAccount,
  password: string,
  offered: readonly string[],
): string {
  let challenge: Type2Message;
  try {
    challenge = ntlm.decodeType2Message(token);
  } catch (error) {
    throw new BindError(
      'auth-scheme',
      `Exchange at ${host} answered with a malformed NTLM challenge.`,
      'Check that nothing between this server and Exchange rewrites authentication headers' +
        `${orChooseBasic(offered)}.`,
      {cause: error, setting: 'authScheme'},
    );
  }
  if (challenge.version !== 2 || challenge.targetInfo === undefined) {
    throw new BindError(
      'auth-scheme',
      `Exchange at ${host} offers only NTLMv1, which mse-bind does not use.`,
      'Require NTLMv2 on the Exchange servers (LAN Manager authentication level 5)' +
        `${orChooseBasic(offered)}.`,
      {setting: 'authScheme'},
    );
  }
  return ntlm.createType3Message(challenge, account.user, password, workstation(), account.domain);
}

// NetBIOS names are at most 15 characters; the DNS suffix is not part of them.
function workstation(): string {
  return (hostname().split('.')[0] ?? '').toUpperCase().slice(0, 15);
}
