import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {ntHash, verifyNtlmV2} from '../../../src/simulators/ews/ntlm-verify.js';

// The worked example of MS-NLMP 4.2.4: user "User", domain "Domain", password "Password",
// server challenge 0123456789abcdef, client challenge aa…aa, time 0, target info naming
// the domain "Domain" and the server "Server".
const avPairs = Buffer.concat([
  Buffer.from('02000c00', 'hex'),
  Buffer.from('Domain', 'utf16le'),
  Buffer.from('01000c00', 'hex'),
  Buffer.from('Server', 'utf16le'),
  Buffer.from('00000000', 'hex'),
]);
const blob = Buffer.concat([
  Buffer.from('0101000000000000', 'hex'),
  Buffer.alloc(8),
  Buffer.alloc(8, 0xaa),
  Buffer.alloc(4),
  avPairs,
  Buffer.alloc(4),
]);
const ntProofStr = Buffer.from('68cd0ab851e51c96aabc927bebef6a1c', 'hex');
const example = {
  user: 'User',
  domain: 'Domain',
  serverChallenge: Buffer.from('0123456789abcdef', 'hex'),
  ntResponse: Buffer.concat([ntProofStr, blob]),
};

describe('ntHash', () => {
  it('is MD4 over the UTF-16LE password, without OpenSSL', () => {
    assert.equal(ntHash('Password').toString('hex'), 'a4f49c406510bdcab6824ee7c30fd852');
    assert.equal(ntHash('password').toString('hex'), '8846f7eaee8fb117ad06bdd830b7586c');
  });
});

describe('verifyNtlmV2', () => {
  it('accepts the NTLMv2 response of the protocol example', () => {
    assert.equal(verifyNtlmV2({...example, password: 'Password'}), true);
  });

  it('refuses a wrong password, user, domain or challenge', () => {
    assert.equal(verifyNtlmV2({...example, password: 'password'}), false);
    assert.equal(verifyNtlmV2({...example, password: 'Password', user: 'Other'}), false);
    assert.equal(verifyNtlmV2({...example, password: 'Password', domain: 'DOMAIN'}), false);
    const challenge = Buffer.from('0123456789abcdee', 'hex');
    assert.equal(
      verifyNtlmV2({...example, password: 'Password', serverChallenge: challenge}),
      false,
    );
  });

  it('compares the user without regard to case, as the protocol upper-cases it', () => {
    assert.equal(verifyNtlmV2({...example, password: 'Password', user: 'USER'}), true);
  });

  it('refuses an NTLMv1 response and a blob without its signature', () => {
    assert.equal(
      verifyNtlmV2({...example, password: 'Password', ntResponse: Buffer.alloc(24)}),
      false,
    );
    const unsigned = Buffer.concat([ntProofStr, Buffer.from([2, 1]), blob.subarray(2)]);
    assert.equal(verifyNtlmV2({...example, password: 'Password', ntResponse: unsigned}), false);
  });
});
