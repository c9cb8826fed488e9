import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {buildPoxRequest} from '../../../../src/bind/exchange/autodiscover/pox-request.js';
import {parsePoxResponse} from '../../../../src/bind/exchange/autodiscover/pox-response.js';
import {childOf, parseNamespacedXml} from '../../../../src/simulators/ews/namespaced-xml.js';

const requestNs = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/requestschema/2006';
const outer = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
const inner = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';

const answer = (response: string) =>
  `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${outer}">` +
  `<Response xmlns="${inner}">${response}</Response></Autodiscover>`;

describe('buildPoxRequest', () => {
  it('asks in the http:// request namespace for the 2006a response schema', () => {
    const root = parseNamespacedXml(buildPoxRequest('alice@contoso.example'));
    assert.equal(root?.name, `{${requestNs}}Autodiscover`);
    const request = childOf(root, requestNs, 'Request');
    assert.equal(childOf(request, requestNs, 'EMailAddress')?.text, 'alice@contoso.example');
    assert.equal(childOf(request, requestNs, 'AcceptableResponseSchema')?.text, inner);
  });
});

describe('parsePoxResponse', () => {
  it('prefers the internal EWS URL to the external one', () => {
    const parsed = parsePoxResponse(
      answer(
        '<Account><AccountType>email</AccountType><Action>settings</Action>' +
          '<Protocol><Type>EXPR</Type><EwsUrl>https://mail.contoso.example/EWS/Exchange.asmx</EwsUrl></Protocol>' +
          '<Protocol><Type>EXCH</Type><ASUrl>https://exch01.contoso.local/EWS/Exchange.asmx</ASUrl></Protocol>' +
          '</Account>',
      ),
    );
    assert.deepEqual(parsed, {
      kind: 'settings',
      ewsUrl: 'https://exch01.contoso.local/EWS/Exchange.asmx',
    });
  });

  it('reads both redirects and the error shape', () => {
    assert.deepEqual(
      parsePoxResponse(
        answer(
          '<Account><Action>redirectAddr</Action><RedirectAddr>a@b.example</RedirectAddr></Account>',
        ),
      ),
      {kind: 'redirect-address', address: 'a@b.example'},
    );
    assert.deepEqual(
      parsePoxResponse(
        answer(
          '<Account><Action>redirectUrl</Action><RedirectUrl>https://x/a.xml</RedirectUrl></Account>',
        ),
      ),
      {kind: 'redirect-url', url: 'https://x/a.xml'},
    );
    const error =
      `<?xml version="1.0"?><Autodiscover xmlns="${outer}"><Response><Error Time="1" Id="2">` +
      '<ErrorCode>600</ErrorCode><Message>Invalid Request</Message><DebugData /></Error></Response></Autodiscover>';
    assert.deepEqual(parsePoxResponse(error), {
      kind: 'error',
      code: '600',
      message: 'Invalid Request',
    });
  });

  it('says so when the answer is not Autodiscover', () => {
    for (const body of [
      '',
      '<html><body>Sign in</body></html>',
      '<Autodiscover>',
      answer('<Account/>'),
    ]) {
      assert.equal(parsePoxResponse(body).kind, 'not-autodiscover', body);
    }
    assert.deepEqual(parsePoxResponse(answer('<Account><Action>settings</Action></Account>')), {
      kind: 'settings',
      ewsUrl: null,
    });
  });
});
