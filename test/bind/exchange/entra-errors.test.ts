import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {classifyEntraError} from '../../../src/bind/exchange/entra-errors.js';

const app = {tenant: 'contoso.example', clientId: '5e0c7a21-8b4d-4c39-9f1e-6d2a3b4c5d6e'};

describe('classifyEntraError', () => {
  const expected: Array<[number, number, string, string, RegExp]> = [
    [401, 7000215, 'credentials', 'exchangeClientSecret', /rejected the client secret/],
    [401, 7000222, 'account-state', 'exchangeClientSecret', /has expired/],
    [400, 700016, 'not-found', 'exchangeClientId', /has no app with the client id/],
    [400, 90002, 'not-found', 'exchangeTenant', /knows no tenant contoso\.example/],
    [400, 1002012, 'input', 'exchangeAuthority', /refused the scope/],
  ];
  for (const [status, code, errorClass, setting, message] of expected) {
    it(`maps AADSTS${code} to ${errorClass} at ${setting}`, () => {
      const error = classifyEntraError(app, {status, error: 'x', code});
      assert.equal(error.errorClass, errorClass);
      assert.equal(error.setting, setting);
      assert.match(error.message, message);
      assert.match(error.message, new RegExp(`\\(AADSTS${code}\\)\\.$`));
    });
  }

  it('keeps an unknown code, blaming the client for a 401', () => {
    const client = classifyEntraError(app, {status: 401, error: 'invalid_client', code: 7000000});
    assert.equal(client.errorClass, 'credentials');
    assert.match(client.message, /AADSTS7000000/);
    const other = classifyEntraError(app, {status: 400, error: 'invalid_request', code: null});
    assert.equal(other.errorClass, 'server');
    assert.match(other.message, /invalid_request/);
  });
});
