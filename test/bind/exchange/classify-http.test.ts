import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {classifyHttpStatus, classifyRedirect} from '../../../src/bind/exchange/classify-http.js';
import {ewsUserAgent} from '../../../src/bind/exchange/user-agent.js';
import {exchangeOnlineTarget, onPremisesTarget} from '../../helpers/probe-targets.js';

describe('classifyRedirect', () => {
  it('tells a forms-based logon page from another redirect', () => {
    const logon = classifyRedirect(onPremisesTarget, '/owa/auth/logon.aspx?url=x');
    assert.equal(logon.errorClass, 'auth-scheme');
    assert.match(logon.message, /forms-based/);
    const elsewhere = classifyRedirect(onPremisesTarget, 'https://mail2.contoso.example/EWS/');
    assert.equal(elsewhere.errorClass, 'not-found');
    assert.match(elsewhere.message, /mail2\.contoso\.example/);
    assert.equal(elsewhere.setting, 'ewsUrl');
  });
});

describe('classifyHttpStatus', () => {
  it('maps statuses that carry no SOAP', () => {
    assert.equal(classifyHttpStatus(onPremisesTarget, 404).errorClass, 'not-found');
    assert.equal(classifyHttpStatus(onPremisesTarget, 404).setting, 'ewsUrl');
    assert.equal(classifyHttpStatus(onPremisesTarget, 407).setting, 'proxyUrl');
    assert.equal(classifyHttpStatus(onPremisesTarget, 429).errorClass, 'rate-limited');
    assert.equal(classifyHttpStatus(onPremisesTarget, 502).errorClass, 'server');
    assert.equal(classifyHttpStatus(onPremisesTarget, 200).errorClass, 'not-found');
  });

  it('reads a 403 on premises as EWS blocked for the account or the user agent', () => {
    const error = classifyHttpStatus(onPremisesTarget, 403);
    assert.equal(error.errorClass, 'permission');
    assert.ok(error.fix.includes(ewsUserAgent));
  });

  it('reads a 403 from Exchange Online as the EWS retirement and the allow list', () => {
    const error = classifyHttpStatus(exchangeOnlineTarget, 403);
    assert.equal(error.errorClass, 'permission');
    assert.match(error.message, /retiring EWS in Exchange Online/);
    assert.match(error.message, /1 April 2027/);
    assert.match(error.fix, /EwsAllowList/);
    assert.ok(error.fix.includes(exchangeOnlineTarget.clientId));
  });
});
