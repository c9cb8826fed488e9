import type {EwsAccount} from './accounts.js';

/**
 * What the simulator remembers about one TCP connection. NTLM authenticates a connection: the
 * challenge sent on it is only good for an answer on it, and once the handshake succeeds
 * the connection stays signed in, as IIS keeps it.
 */
export type ConnectionState = {
  readonly id: number;
  pendingChallenge: {readonly challenge: Buffer; readonly unicode: boolean} | null;
  ntlmAccount: EwsAccount | null;
};

export function newConnectionState(id: number): ConnectionState {
  return {id, pendingChallenge: null, ntlmAccount: null};
}
