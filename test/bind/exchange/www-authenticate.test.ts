import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {challengeParameter, offeredSchemes} from '../../../src/bind/exchange/www-authenticate.js';

describe('offeredSchemes', () => {
  it('reads one challenge per line, as IIS sends them', () => {
    assert.deepEqual(offeredSchemes(['Negotiate', 'NTLM', 'Basic realm="mail.contoso.com"']), [
      'Negotiate',
      'NTLM',
      'Basic',
    ]);
  });

  it('reads several challenges on one line, skipping their parameters', () => {
    const line = 'Basic realm="a, b", charset="UTF-8", Bearer authorization_uri="x", NTLM';
    assert.deepEqual(offeredSchemes(line), ['Basic', 'Bearer', 'NTLM']);
  });

  it('keeps a scheme with a token68 and drops duplicates', () => {
    assert.deepEqual(offeredSchemes(['NTLM TlRMTVNTUAACAAAA==', 'ntlm', 'Negotiate']), [
      'NTLM',
      'Negotiate',
    ]);
  });

  it('offers nothing without the header', () => {
    assert.deepEqual(offeredSchemes(undefined), []);
    assert.deepEqual(offeredSchemes(''), []);
  });
});

describe('challengeParameter', () => {
  it('reads a parameter quoted or bare, from any challenge line', () => {
    const online = 'Bearer client_id="00000002-0000-0ff1-ce00-000000000000", error="invalid_token"';
    assert.equal(challengeParameter(['Negotiate', online], 'error'), 'invalid_token');
    assert.equal(
      challengeParameter('Bearer error=invalid_token, realm="x"', 'error'),
      'invalid_token',
    );
  });

  it('is null when no challenge holds it, and does not match inside another name', () => {
    assert.equal(challengeParameter(['Negotiate', 'NTLM', 'Basic realm="x"'], 'error'), null);
    assert.equal(challengeParameter('Bearer error_uri="https://x"', 'error'), null);
    assert.equal(challengeParameter(undefined, 'error'), null);
  });
});
