import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {offeredSchemes} from '../../../src/bind/exchange/www-authenticate.js';

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
