import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {BindError} from '../../../src/bind/errors.js';
import {planProbe} from '../../../src/bind/exchange/probe-plan.js';
import type {ExchangeSettings} from '../../../src/bind/settings.js';

const base: ExchangeSettings = {
  ewsUrl: '',
  authScheme: 'basic',
  user: 'svc-mse@contoso.example',
  accessMode: 'own',
  mailbox: '',
};

function refusedAt(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof BindError && error.errorClass === 'input');
    return error.setting;
  }
  return assert.fail('expected an input error');
}

describe('planProbe', () => {
  it('asks Autodiscover about the mailbox, else the service account UPN', () => {
    assert.deepEqual(planProbe(base, 'pw', '').autodiscover, {
      address: 'svc-mse@contoso.example',
      setting: 'exchangeUser',
    });
    const delegate = planProbe(
      {...base, accessMode: 'delegate', mailbox: 'bob@contoso.example'},
      'pw',
      '',
    );
    assert.deepEqual(delegate.autodiscover, {address: 'bob@contoso.example', setting: 'mailbox'});
    assert.equal(delegate.ewsUrl, null);
    assert.equal(
      refusedAt(() => planProbe({...base, user: 'CONTOSO\\svc'}, 'pw', '')),
      'ewsUrl',
    );
  });

  it('asks Autodiscover only about an address with a mail domain, and nothing with a URL', () => {
    assert.equal(
      refusedAt(() => planProbe({...base, user: 'svc-mse@localhost'}, 'pw', '')),
      'ewsUrl',
    );
    assert.equal(
      refusedAt(() => planProbe({...base, accessMode: 'delegate', mailbox: 'alice'}, 'pw', '')),
      'mailbox',
    );
    const withUrl = planProbe(
      {...base, user: 'svc-mse@localhost', ewsUrl: 'https://127.0.0.1:8443/EWS/Exchange.asmx'},
      'pw',
      '',
    );
    assert.equal(withUrl.autodiscover, null);
  });

  it('uses Exchange Online for OAuth without an EWS URL, and the default authority', () => {
    const plan = planProbe(
      {
        ...base,
        authScheme: 'oauth',
        accessMode: 'impersonation',
        mailbox: 'alice@contoso.example',
        tenant: 'contoso.example',
        clientId: 'app-id',
      },
      '',
      'secret',
    );
    assert.equal(plan.ewsUrl?.href, 'https://outlook.office365.com/EWS/Exchange.asmx');
    assert.equal(
      plan.oauth?.endpoint.href,
      'https://login.microsoftonline.com/contoso.example/oauth2/v2.0/token',
    );
    assert.equal(plan.user, 'app app-id');
  });

  it('names the field of each missing or unusable setting', () => {
    const oauth: ExchangeSettings = {
      ...base,
      authScheme: 'oauth',
      accessMode: 'impersonation',
      mailbox: 'alice@contoso.example',
      tenant: 't',
      clientId: 'c',
    };
    assert.equal(
      refusedAt(() => planProbe({...oauth, tenant: ''}, '', 's')),
      'exchangeTenant',
    );
    assert.equal(
      refusedAt(() => planProbe({...oauth, clientId: ' '}, '', 's')),
      'exchangeClientId',
    );
    assert.equal(
      refusedAt(() => planProbe(oauth, '', '')),
      'exchangeClientSecret',
    );
    assert.equal(
      refusedAt(() => planProbe({...oauth, accessMode: 'delegate'}, '', 's')),
      'accessMode',
    );
    assert.equal(
      refusedAt(() => planProbe({...base, user: ''}, 'pw', '')),
      'exchangeUser',
    );
    assert.equal(
      refusedAt(() => planProbe(base, '', '')),
      'exchangePassword',
    );
    assert.equal(
      refusedAt(() => planProbe({...base, accessMode: 'delegate'}, 'pw', '')),
      'mailbox',
    );
    assert.equal(
      refusedAt(() => planProbe({...base, ewsUrl: 'http://mail.contoso.example/EWS'}, 'pw', '')),
      'ewsUrl',
    );
  });
});
