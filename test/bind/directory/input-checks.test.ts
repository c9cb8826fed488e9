import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {BindError} from '../../../src/bind/errors.js';
import {
  bindNameFormProblem,
  checkDirectoryInput,
} from '../../../src/bind/directory/input-checks.js';
import type {DirectorySettings} from '../../../src/bind/settings.js';

describe('bindNameFormProblem', () => {
  it('takes a DN, a UPN and DOMAIN\\user for Active Directory', () => {
    for (const name of [
      'CN=svc-mse,OU=Services,DC=corp,DC=example',
      'svc-mse@corp.example',
      'CORP\\svc-mse',
      'corp.example/Services/svc-mse',
    ]) {
      assert.equal(bindNameFormProblem('active-directory', name), undefined, name);
    }
  });

  it('refuses a bare name and a broken DOMAIN\\user for Active Directory', () => {
    assert.match(
      bindNameFormProblem('active-directory', 'svc-mse')?.message ?? '',
      /not a name Active Directory takes/,
    );
    for (const name of ['CORP\\', '\\svc-mse', 'CORP\\\\svc-mse']) {
      assert.match(
        bindNameFormProblem('active-directory', name)?.message ?? '',
        /not a DOMAIN\\user name/,
        name,
      );
    }
  });

  it('points out a slash typed for the backslash of DOMAIN\\user', () => {
    const problem = bindNameFormProblem('active-directory', 'CORP/svc-mse');
    assert.match(problem?.message ?? '', /slash where Active Directory expects a backslash/);
    assert.match(problem?.fix ?? '', /as CORP\\svc-mse,/);
  });

  it('requires a DN for generic LDAP, and names the way out', () => {
    assert.equal(bindNameFormProblem('ldap', 'cn=svc,dc=example,dc=com'), undefined);
    const problem = bindNameFormProblem('ldap', 'svc@example.com');
    assert.match(problem?.message ?? '', /binds by DN only/);
    assert.match(problem?.fix ?? '', /choose Active Directory/);
  });

  it('lets Domino take short names', () => {
    assert.equal(bindNameFormProblem('domino', 'svc-mse'), undefined);
    assert.equal(bindNameFormProblem('domino', 'CN=svc-mse/O=Acme'), undefined);
  });
});

describe('checkDirectoryInput', () => {
  const settings: DirectorySettings = {
    type: 'active-directory',
    host: 'dc1.corp.example',
    port: 636,
    tlsMode: 'ldaps',
    baseDn: '',
    bindName: 'svc-mse@corp.example',
  };

  it('refuses an empty password, and only an empty one', () => {
    assert.throws(
      () => checkDirectoryInput(settings, ''),
      (error) => error instanceof BindError && error.setting === 'directoryPassword',
    );
    assert.doesNotThrow(() => checkDirectoryInput(settings, ' '));
  });

  it('sends a malformed bind name back to its field', () => {
    assert.throws(
      () => checkDirectoryInput({...settings, bindName: 'svc-mse'}, 'secret'),
      (error) =>
        error instanceof BindError && error.errorClass === 'input' && error.setting === 'bindName',
    );
  });
});
