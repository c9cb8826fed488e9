import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {BindError} from '../../../src/bind/errors.js';
import {ntlmAccount} from '../../../src/bind/exchange/ntlm-account.js';
import {
  authenticateMessage,
  challengeFrom,
  negotiateMessage,
} from '../../../src/bind/exchange/ntlm-handshake.js';
import {
  buildChallengeMessage,
  readClientMessage,
} from '../../../src/simulators/ews/ntlm-messages.js';
import {verifyNtlmV2} from '../../../src/simulators/ews/ntlm-verify.js';

const names = {
  netbiosDomain: 'CONTOSO',
  netbiosComputer: 'EXCH01',
  dnsDomain: 'contoso.example',
  dnsComputer: 'exch01.contoso.example',
};
const password = 'Demo-Exchange-2026!';

describe('ntlmAccount', () => {
  it('splits DOMAIN\\user and keeps a UPN whole', () => {
    assert.deepEqual(ntlmAccount('CONTOSO\\svc-mse'), {domain: 'CONTOSO', user: 'svc-mse'});
    assert.deepEqual(ntlmAccount('svc-mse@contoso.example'), {
      domain: '',
      user: 'svc-mse@contoso.example',
    });
  });
});

describe('NTLM handshake messages', () => {
  it('finds the challenge among IIS challenge lines, under NTLM or Negotiate', () => {
    const challenge = buildChallengeMessage(Buffer.alloc(8, 7), 0, names).token;
    assert.equal(challengeFrom(['Negotiate', `NTLM ${challenge}`, 'Basic realm="x"']), challenge);
    assert.equal(challengeFrom(`Negotiate ${challenge}`), challenge);
    assert.equal(challengeFrom(['Negotiate', 'NTLM', 'Basic realm="x"']), null);
    assert.equal(challengeFrom(undefined), null);
  });

  it('answers the challenge with an NTLMv2 response that proves the password', () => {
    const account = ntlmAccount('CONTOSO\\svc-mse');
    const negotiate = readClientMessage(negotiateMessage(account).slice('NTLM '.length), true);
    assert.equal(negotiate?.type, 1);

    const serverChallenge = Buffer.from('0123456789abcdef', 'hex');
    const built = buildChallengeMessage(
      serverChallenge,
      negotiate?.type === 1 ? negotiate.flags : 0,
      names,
    );
    const authenticate = authenticateMessage('exch01', built.token, account, password, []);
    const message = readClientMessage(authenticate.slice('NTLM '.length), built.unicode);
    assert.equal(message?.type, 3);
    if (message?.type !== 3) return;
    assert.equal(message.domain, 'CONTOSO');
    assert.equal(message.user, 'svc-mse');
    assert.ok(message.ntResponse.length > 24, 'an NTLMv2 response, not a 24-byte v1 one');
    assert.ok(!authenticate.includes(Buffer.from(password).toString('base64')));

    const proof = {
      user: message.user,
      domain: message.domain,
      serverChallenge,
      ntResponse: message.ntResponse,
    };
    assert.equal(verifyNtlmV2({...proof, password}), true);
    assert.equal(verifyNtlmV2({...proof, password: 'wrong'}), false);
    assert.equal(verifyNtlmV2({...proof, password, serverChallenge: Buffer.alloc(8)}), false);
  });

  it('refuses a malformed challenge and one that allows only NTLMv1', () => {
    const account = ntlmAccount('svc-mse@contoso.example');
    // Basic is suggested only when the challenge's 401 offered it.
    assert.throws(
      () => authenticateMessage('exch01', 'TlRMTVNTUAACAAAA', account, password, []),
      (error: unknown) =>
        error instanceof BindError &&
        /malformed NTLM challenge/.test(error.message) &&
        !/Basic/.test(error.fix),
    );
    assert.throws(
      () => authenticateMessage('exch01', 'TlRMTVNTUAACAAAA', account, password, ['NTLM', 'Basic']),
      (error: unknown) => error instanceof BindError && /, or choose Basic\.$/.test(error.fix),
    );

    // A type 2 message without extended session security or target information.
    const v1 = Buffer.alloc(32);
    Buffer.from('NTLMSSP\0', 'ascii').copy(v1);
    v1.writeUInt32LE(2, 8);
    v1.writeUInt32LE(0x201, 20);
    assert.throws(
      () => authenticateMessage('exch01', v1.toString('base64'), account, password, []),
      (error: unknown) =>
        error instanceof BindError && /only NTLMv1/.test(error.message) && !/Basic/.test(error.fix),
    );
    assert.throws(
      () => authenticateMessage('exch01', v1.toString('base64'), account, password, ['Basic']),
      (error: unknown) => error instanceof BindError && /, or choose Basic\.$/.test(error.fix),
    );
  });
});
