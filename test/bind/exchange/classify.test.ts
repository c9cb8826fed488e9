import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  classifyHttpStatus,
  classifyRedirect,
  classifyResponseCode,
  classifyTransportError,
  classifyUnauthorized,
  type ProbeTarget,
} from '../../../src/bind/exchange/classify.js';

const onPremises: ProbeTarget = {
  url: new URL('https://mail.contoso.example/EWS/Exchange.asmx'),
  user: 'svc-mse@contoso.example',
  accessMode: 'impersonation',
  mailbox: 'alice@contoso.example',
};
const exchangeOnline: ProbeTarget = {
  ...onPremises,
  url: new URL('https://outlook.office365.com/EWS/Exchange.asmx'),
};

function codedError(code: string): Error {
  return Object.assign(new Error(`failed: ${code}`), {code});
}

describe('classifyUnauthorized', () => {
  it('blames the password when Basic was offered', () => {
    const error = classifyUnauthorized(onPremises, ['Negotiate', 'NTLM', 'Basic']);
    assert.equal(error.errorClass, 'credentials');
  });

  it('names the offered schemes when Basic was not', () => {
    const error = classifyUnauthorized(onPremises, ['Negotiate', 'NTLM']);
    assert.equal(error.errorClass, 'auth-scheme');
    assert.match(error.message, /offers Negotiate, NTLM/);
  });

  it('says Basic is retired on Exchange Online, even when Basic is offered', () => {
    const error = classifyUnauthorized(exchangeOnline, ['Basic']);
    assert.equal(error.errorClass, 'auth-scheme');
    assert.match(error.message, /Basic auth for EWS in Exchange Online is retired/);
  });
});

describe('classifyResponseCode', () => {
  const expected: Record<string, string> = {
    ErrorNonExistentMailbox: 'not-found',
    ErrorMissingEmailAddress: 'not-found',
    ErrorImpersonateUserDenied: 'permission',
    ErrorImpersonationDenied: 'permission',
    ErrorAccessDenied: 'permission',
    ErrorServerBusy: 'server',
    ErrorMailboxStoreUnavailable: 'server',
    ErrorConnectionFailed: 'server',
    ErrorNoRespondingCASInDestinationSite: 'server',
    ErrorInvalidServerVersion: 'server',
    ErrorInvalidLicense: 'account-state',
  };
  for (const [code, errorClass] of Object.entries(expected)) {
    it(`maps ${code} to ${errorClass}`, () => {
      assert.equal(classifyResponseCode(onPremises, code, '').errorClass, errorClass);
    });
  }

  it('keeps an unknown code and the server text visible', () => {
    const error = classifyResponseCode(onPremises, 'ErrorSomethingNew', 'It broke.');
    assert.equal(error.errorClass, 'server');
    assert.match(error.message, /ErrorSomethingNew/);
    assert.match(error.message, /It broke\./);
  });
});

describe('classifyRedirect and classifyHttpStatus', () => {
  it('tells a forms-based logon page from another redirect', () => {
    const logon = classifyRedirect(onPremises, '/owa/auth/logon.aspx?url=x');
    assert.equal(logon.errorClass, 'auth-scheme');
    const elsewhere = classifyRedirect(onPremises, 'https://mail2.contoso.example/EWS/');
    assert.equal(elsewhere.errorClass, 'not-found');
    assert.match(elsewhere.message, /mail2\.contoso\.example/);
  });

  it('maps statuses that carry no SOAP', () => {
    assert.equal(classifyHttpStatus(onPremises, 403).errorClass, 'permission');
    assert.equal(classifyHttpStatus(onPremises, 404).errorClass, 'not-found');
    assert.equal(classifyHttpStatus(onPremises, 429).errorClass, 'rate-limited');
    assert.equal(classifyHttpStatus(onPremises, 502).errorClass, 'server');
    assert.equal(classifyHttpStatus(onPremises, 200).errorClass, 'not-found');
  });
});

describe('classifyTransportError', () => {
  it('maps certificate failures to tls', () => {
    for (const code of [
      'DEPTH_ZERO_SELF_SIGNED_CERT',
      'CERT_HAS_EXPIRED',
      'ERR_TLS_CERT_ALTNAME_INVALID',
    ]) {
      assert.equal(classifyTransportError(onPremises, codedError(code)).errorClass, 'tls', code);
    }
  });

  it('maps connection failures to network, reading a wrapped cause too', () => {
    const wrapped = new Error('fetch failed', {cause: codedError('ECONNREFUSED')});
    const error = classifyTransportError(onPremises, wrapped);
    assert.equal(error.errorClass, 'network');
    assert.match(error.message, /ECONNREFUSED/);

    const unknownHost = classifyTransportError(onPremises, codedError('ENOTFOUND'));
    assert.match(unknownHost.message, /mail\.contoso\.example cannot be found/);
  });
});
