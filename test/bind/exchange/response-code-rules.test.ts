import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {classifyResponseCode} from '../../../src/bind/exchange/response-code-rules.js';
import {exchangeOnlineTarget, onPremisesTarget} from '../../helpers/probe-targets.js';

describe('classifyResponseCode', () => {
  const expected: Record<string, [string, string]> = {
    ErrorNonExistentMailbox: ['not-found', 'mailbox'],
    ErrorMissingEmailAddress: ['not-found', 'accessMode'],
    ErrorImpersonateUserDenied: ['permission', 'accessMode'],
    ErrorImpersonationDenied: ['permission', 'accessMode'],
    ErrorAccessDenied: ['permission', 'accessMode'],
    ErrorAccountDisabled: ['account-state', 'exchangeUser'],
    ErrorInvalidLicense: ['account-state', 'mailbox'],
    ErrorInvalidServerVersion: ['server', 'ewsUrl'],
    ErrorInvalidSchemaVersionForMailboxVersion: ['server', 'ewsUrl'],
    ErrorServerBusy: ['server', 'ewsUrl'],
    ErrorMailboxStoreUnavailable: ['server', 'ewsUrl'],
    ErrorConnectionFailed: ['server', 'ewsUrl'],
    ErrorNoRespondingCASInDestinationSite: ['server', 'ewsUrl'],
  };
  for (const [code, [errorClass, setting]] of Object.entries(expected)) {
    it(`maps ${code} to ${errorClass} at ${setting}`, () => {
      const error = classifyResponseCode(onPremisesTarget, code, '');
      assert.equal(error.errorClass, errorClass);
      assert.equal(error.setting, setting);
    });
  }

  it('gives each table row its own message', () => {
    const rows = [
      'ErrorNonExistentMailbox',
      'ErrorImpersonateUserDenied',
      'ErrorImpersonationDenied',
      'ErrorAccessDenied',
      'ErrorInvalidServerVersion',
      'ErrorInvalidSchemaVersionForMailboxVersion',
      'ErrorServerBusy',
      'ErrorInvalidLicense',
    ];
    const messages = rows.map((code) => classifyResponseCode(onPremisesTarget, code, '').message);
    assert.equal(new Set(messages).size, rows.length);
  });

  it('says a transient fault is not a credentials problem, naming its code', () => {
    const error = classifyResponseCode(onPremisesTarget, 'ErrorMailboxStoreUnavailable', 'Later.');
    assert.match(error.message, /ErrorMailboxStoreUnavailable: Later\..*not a credentials problem/);
  });

  it('fixes an impersonation refusal by role on premises, by app permission online', () => {
    const onPremises = classifyResponseCode(onPremisesTarget, 'ErrorImpersonateUserDenied', '');
    assert.match(onPremises.fix, /ApplicationImpersonation/);
    const online = classifyResponseCode(exchangeOnlineTarget, 'ErrorImpersonateUserDenied', '');
    assert.match(online.fix, /full_access_as_app/);
  });

  it('tells the two impersonation-header faults apart by their text', () => {
    const code = 'ErrorInvalidExchangeImpersonationHeaderData';
    const required = classifyResponseCode(
      exchangeOnlineTarget,
      code,
      'ExchangeImpersonation SOAP header must be present for this type of OAuth token.',
    );
    const forbidden = classifyResponseCode(
      exchangeOnlineTarget,
      code,
      'ExchangeImpersonation SOAP header must not exist for this type of OAuth token.',
    );
    assert.match(required.fix, /Choose impersonation/);
    assert.match(forbidden.fix, /^Check that the authority URL is Entra ID's/);
    assert.equal(forbidden.setting, 'exchangeAuthority');
  });

  it('never tells an OAuth sign-in to choose what it has already, or what it cannot have', () => {
    const forbidden = (target: typeof onPremisesTarget) =>
      classifyResponseCode(
        target,
        'ErrorInvalidExchangeImpersonationHeaderData',
        'ExchangeImpersonation SOAP header must not exist for this type of OAuth token.',
      );
    // OAuth always impersonates, with an app-only token: delegate access and app-only
    // registrations are no way out of it.
    assert.doesNotMatch(forbidden(exchangeOnlineTarget).fix, /delegate access|app-only \(/);
    assert.match(forbidden(onPremisesTarget).fix, /^Choose delegate access/);
    assert.equal(forbidden(onPremisesTarget).setting, 'accessMode');
  });

  it('keeps an unknown code and the server text visible', () => {
    const error = classifyResponseCode(onPremisesTarget, 'ErrorSomethingNew', 'It broke.');
    assert.equal(error.errorClass, 'server');
    assert.match(error.message, /ErrorSomethingNew/);
    assert.match(error.message, /It broke\./);
  });
});
