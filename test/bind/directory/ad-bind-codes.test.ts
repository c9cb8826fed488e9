import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {adDataCode, invalidCredentialsError} from '../../../src/bind/directory/ad-bind-codes.js';

const account = 'CN=svc-mse,OU=Services,DC=corp,DC=example';

/** The diagnostic text as AD sends it, and as ldapts hands it over (with its code suffix). */
function adDiagnostic(code: string): string {
  const diagnostic = '80090308: LdapErr: DSID-0C090439, comment: AcceptSecurityContext error';
  return `${diagnostic}, data ${code}, v4563 Code: 0x31`;
}

const expectedClasses = {
  '525': 'credentials',
  '52e': 'credentials',
  '530': 'account-state',
  '531': 'account-state',
  '532': 'account-state',
  '533': 'account-state',
  '701': 'account-state',
  '773': 'account-state',
  '775': 'account-state',
} as const;

describe('adDataCode', () => {
  it('reads the data sub-code from an AD diagnostic, in lower case', () => {
    assert.equal(adDataCode(adDiagnostic('52e')), '52e');
    assert.equal(adDataCode(adDiagnostic('52E')), '52e');
    assert.equal(adDataCode('80090346: LdapErr: DSID-0C090447, data 80090346, v4563'), '80090346');
  });

  it('finds nothing in an OpenLDAP diagnostic', () => {
    assert.equal(adDataCode(' Code: 0x31'), undefined);
    assert.equal(adDataCode('invalid credentials (metadata 5)'), undefined);
  });
});

describe('invalidCredentialsError', () => {
  it('gives every AD sub-code its class, its own message and a fix', () => {
    const messages = new Set<string>();
    for (const [code, errorClass] of Object.entries(expectedClasses)) {
      const error = invalidCredentialsError(adDiagnostic(code), account, new Error('cause'));
      assert.equal(error.errorClass, errorClass, code);
      assert.ok(error.message.includes(`data ${code}`), error.message);
      assert.ok(error.message.includes(account), error.message);
      assert.ok(error.fix.length > 20, code);
      messages.add(error.message.replace(`data ${code}`, ''));
    }
    assert.equal(messages.size, Object.keys(expectedClasses).length, 'messages are distinct');
  });

  it('says what to do for the states an administrator must change', () => {
    const fixFor = (code: string) => invalidCredentialsError(adDiagnostic(code), account, null).fix;
    assert.match(
      invalidCredentialsError(adDiagnostic('773'), account, null).message,
      /must change password at next logon/,
    );
    assert.match(fixFor('773'), /then re-bind/);
    assert.match(fixFor('533'), /Enable the service account/);
    assert.match(fixFor('775'), /Unlock/);
    assert.match(fixFor('532'), /new password/);
  });

  it('says that repeated runs with a wrong password count toward a lockout', () => {
    const lockout =
      'Each run of mse-bind makes one bind attempt, but repeated runs with a wrong password ' +
      "count toward the account's lockout threshold.";
    const withoutCode = invalidCredentialsError(' Code: 0x31', account, null).fix;
    for (const fix of [
      invalidCredentialsError(adDiagnostic('52e'), account, null).fix,
      withoutCode,
    ]) {
      assert.ok(fix.endsWith(` ${lockout}`), fix);
    }
    // An account AD does not know has no bad-password count, so its fix makes no such claim.
    assert.doesNotMatch(invalidCredentialsError(adDiagnostic('525'), account, null).fix, /lock/i);
    for (const code of Object.keys(expectedClasses)) {
      const fix = invalidCredentialsError(adDiagnostic(code), account, null).fix;
      assert.doesNotMatch(fix, /cannot lock/, code);
    }
  });

  it('points at the field to retype when the fix is typed into mse-bind', () => {
    const settingFor = (code: string) =>
      invalidCredentialsError(adDiagnostic(code), account, null).setting;
    assert.equal(settingFor('525'), 'bindName');
    assert.equal(settingFor('52e'), 'directoryPassword');
    assert.equal(settingFor('773'), 'directoryPassword');
    assert.equal(settingFor('533'), undefined, 'an AD administrator fixes this, not a field');
  });

  it('treats a 49 without a sub-code as wrong credentials', () => {
    const error = invalidCredentialsError(' Code: 0x31', account, null);
    assert.equal(error.errorClass, 'credentials');
    assert.match(error.message, /rejected the service account/);
    assert.doesNotMatch(error.message, /data/);
  });

  it('keeps an unknown sub-code in the message, as a credentials failure', () => {
    const error = invalidCredentialsError(adDiagnostic('80090346'), account, null);
    assert.equal(error.errorClass, 'credentials');
    assert.match(error.message, /data 80090346/);
  });
});
