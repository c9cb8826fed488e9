import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {XMLParser} from 'fast-xml-parser';
import {Client, request} from 'undici';

import {buildPoxRequest} from '../../src/bind/exchange/autodiscover/pox-request.js';
import {parsePoxResponse} from '../../src/bind/exchange/autodiscover/pox-response.js';
import {ntlmAccount} from '../../src/bind/exchange/ntlm-account.js';
import {
  authenticateMessage,
  challengeFrom,
  negotiateMessage,
} from '../../src/bind/exchange/ntlm-handshake.js';
import {buildGetFolderEnvelope} from '../../src/bind/exchange/soap-request.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {demoTenant, startEntraSimulator} from '../../src/simulators/entra/index.js';
import {startEwsSimulator, type EwsSimulator} from '../../src/simulators/ews/index.js';

const {user, password} = demoFixture.exchange;
const basic = (name: string, secret: string): string =>
  `Basic ${Buffer.from(`${name}:${secret}`).toString('base64')}`;
const xmlType = 'text/xml; charset=utf-8';
const getFolder = buildGetFolderEnvelope({
  version: 'Exchange2013_SP1',
  accessMode: 'own',
  mailbox: '',
});

// Prefixes kept, so the tests see the reply exactly as a namespace-unaware client would.
const parser = new XMLParser({ignoreAttributes: false, attributeNamePrefix: '@_'});

function faultCode(body: string): unknown {
  return parser.parse(body)['s:Envelope']['s:Body']['s:Fault'].faultcode['#text'];
}

async function post(
  sim: EwsSimulator,
  body: string,
  headers: Record<string, string> = {authorization: basic(user, password), 'content-type': xmlType},
) {
  const response = await request(sim.ewsUrl, {method: 'POST', headers, body});
  return {
    status: response.statusCode,
    headers: response.headers,
    body: await response.body.text(),
  };
}

describe('EWS simulator', () => {
  let sim: EwsSimulator;
  before(async () => {
    sim = await startEwsSimulator();
  });
  after(() => sim.close());

  it('listens on loopback at /EWS/Exchange.asmx', () => {
    assert.match(sim.ewsUrl, /^http:\/\/127\.0\.0\.1:\d+\/EWS\/Exchange\.asmx$/);
  });

  it('rejects a request without auth, offering Negotiate, NTLM and Basic', async () => {
    const reply = await post(sim, getFolder, {'content-type': xmlType});
    assert.equal(reply.status, 401);
    assert.deepEqual(reply.headers['www-authenticate'], [
      'Negotiate',
      'NTLM',
      'Basic realm="127.0.0.1"',
    ]);
    assert.equal(sim.requests.at(-1)?.user, null);
  });

  it('rejects a wrong password and an NTLM attempt', async () => {
    const wrong = await post(sim, getFolder, {
      authorization: basic(user, 'wrong'),
      'content-type': xmlType,
    });
    assert.equal(wrong.status, 401);
    const ntlm = await post(sim, getFolder, {
      authorization: 'NTLM TlRMTVNTUAABAAAAB4IIogAAAAAAAAAAAAAAAAAAAAAKAGFKAAAADw==',
      'content-type': xmlType,
    });
    assert.equal(ntlm.status, 401);
    assert.equal(sim.requests.at(-1)?.authScheme, 'NTLM');
  });

  it('answers GetFolder with ServerVersionInfo and a Success response message', async () => {
    const reply = await post(sim, getFolder);
    assert.equal(reply.status, 200);
    assert.match(String(reply.headers['content-type']), /^text\/xml/);

    const envelope = parser.parse(reply.body)['s:Envelope'];
    const info = envelope['s:Header']['h:ServerVersionInfo'];
    assert.equal(info['@_MajorVersion'], '15');
    assert.equal(info['@_MajorBuildNumber'], '1544');
    const message =
      envelope['s:Body']['m:GetFolderResponse']['m:ResponseMessages']['m:GetFolderResponseMessage'];
    assert.equal(message['@_ResponseClass'], 'Success');
    assert.equal(message['m:ResponseCode'], 'NoError');
    assert.match(message['m:Folders']['t:Folder']['t:FolderId']['@_Id'], /^AAMk/);
  });

  it('never records a password', async () => {
    await post(sim, getFolder);
    const recorded = JSON.stringify(sim.requests);
    assert.ok(recorded.includes(user));
    assert.ok(!recorded.includes(password));
    assert.ok(!recorded.includes(basic(user, password).slice('Basic '.length)));
  });

  it('follows a changed password', async () => {
    sim.setPassword(user, 'Rotated-2026!');
    try {
      assert.equal((await post(sim, getFolder)).status, 401);
      const rotated = await post(sim, getFolder, {
        authorization: basic(user, 'Rotated-2026!'),
        'content-type': xmlType,
      });
      assert.equal(rotated.status, 200);
    } finally {
      sim.setPassword(user, password);
    }
  });

  it('reads the request by namespace, not by prefix', async () => {
    const renamed = getFolder
      .replaceAll('soap:', 'env:')
      .replaceAll('xmlns:soap=', 'xmlns:env=')
      .replaceAll('m:', 'msg:')
      .replaceAll('xmlns:m=', 'xmlns:msg=');
    assert.equal((await post(sim, renamed)).status, 200);

    const wrongNamespace = getFolder.replace(
      'http://schemas.microsoft.com/exchange/services/2006/messages',
      'urn:not-ews',
    );
    const refused = await post(sim, wrongNamespace);
    assert.equal(refused.status, 500);
    assert.equal(faultCode(refused.body), 'a:ErrorInvalidRequest');
  });

  it('answers malformed XML with an ErrorSchemaValidation fault', async () => {
    const reply = await post(sim, '<soap:Envelope>');
    assert.equal(reply.status, 500);
    const fault = parser.parse(reply.body)['s:Envelope']['s:Body']['s:Fault'];
    assert.equal(fault.faultcode['#text'], 'a:ErrorSchemaValidation');
    assert.equal(fault.detail['e:ResponseCode']['#text'], 'ErrorSchemaValidation');
  });

  it('refuses impersonation of a mailbox that does not exist with a fault', async () => {
    const body = buildGetFolderEnvelope({
      version: 'Exchange2013_SP1',
      accessMode: 'impersonation',
      mailbox: 'nobody@contoso.example',
    });
    const reply = await post(sim, body);
    assert.equal(reply.status, 500);
    assert.equal(faultCode(reply.body), 'a:ErrorNonExistentMailbox');
  });

  it('serves queued failures once each, at their stage', async () => {
    sim.failNext('forbidden');
    assert.equal((await post(sim, getFolder, {'content-type': xmlType})).status, 401);
    assert.equal((await post(sim, getFolder)).status, 403);
    assert.equal((await post(sim, getFolder)).status, 200);

    sim.failNext('logon-redirect');
    const redirect = await post(sim, getFolder);
    assert.equal(redirect.status, 302);
    assert.match(String(redirect.headers.location), /\/owa\/auth\/logon\.aspx/);

    sim.failNext('server-busy');
    const busy = await post(sim, getFolder);
    assert.equal(busy.status, 500);
    assert.equal(faultCode(busy.body), 'a:ErrorServerBusy');
    const detail = parser.parse(busy.body)['s:Envelope']['s:Body']['s:Fault'].detail;
    assert.equal(detail['t:MessageXml']['t:Value']['@_Name'], 'BackOffMilliseconds');
  });

  it('serves the transient codes of a CAS that cannot reach the mailbox, once each', async () => {
    sim.failNext('connection-failed');
    sim.failNext('no-responding-cas');
    const failed = await post(sim, getFolder);
    assert.equal(failed.status, 200);
    const message = parser.parse(failed.body)['s:Envelope']['s:Body']['m:GetFolderResponse'][
      'm:ResponseMessages'
    ]['m:GetFolderResponseMessage'];
    assert.equal(message['@_ResponseClass'], 'Error');
    assert.equal(message['m:ResponseCode'], 'ErrorConnectionFailed');

    const noCas = await post(sim, getFolder);
    assert.equal(noCas.status, 500);
    assert.equal(faultCode(noCas.body), 'a:ErrorNoRespondingCASInDestinationSite');
    assert.equal((await post(sim, getFolder)).status, 200);
  });

  it('answers 404 off the EWS path and 405 to a GET', async () => {
    const missing = await request(sim.ewsUrl.replace('/EWS/Exchange.asmx', '/EWS/Other.asmx'), {
      method: 'POST',
      headers: {authorization: basic(user, password), 'content-type': xmlType},
      body: getFolder,
    });
    assert.equal(missing.statusCode, 404);
    await missing.body.dump();

    const get = await request(sim.ewsUrl, {headers: {authorization: basic(user, password)}});
    assert.equal(get.statusCode, 405);
    await get.body.dump();
  });
});

describe('EWS simulator with Basic off', () => {
  it('offers only Negotiate and NTLM and refuses a right Basic password', async () => {
    const sim = await startEwsSimulator({basicEnabled: false});
    try {
      const reply = await post(sim, getFolder);
      assert.equal(reply.status, 401);
      assert.deepEqual(reply.headers['www-authenticate'], ['Negotiate', 'NTLM']);

      sim.setBasicEnabled(true);
      assert.equal((await post(sim, getFolder)).status, 200);
    } finally {
      await sim.close();
    }
  });

  it('closes with a request still hanging', async () => {
    const sim = await startEwsSimulator();
    sim.failNext('hang');
    const pending = post(sim, getFolder).catch((error: unknown) => error);
    while (sim.requests.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    assert.equal(sim.openConnections(), 1);

    await sim.close();
    assert.ok((await pending) instanceof Error);
    assert.equal(sim.requests[0]?.status, 'hung');
  });
});

describe('EWS simulator: NTLM', () => {
  const account = ntlmAccount('CONTOSO\\svc-mse');

  async function handshake(first: Client, second: Client, secret: string) {
    const negotiate = await first.request({
      path: '/EWS/Exchange.asmx',
      method: 'POST',
      headers: {authorization: negotiateMessage(account), 'content-type': xmlType},
      body: '',
    });
    await negotiate.body.dump();
    const challenge = challengeFrom(negotiate.headers['www-authenticate']);
    assert.equal(negotiate.statusCode, 401);
    assert.ok(challenge, 'a type 2 challenge');
    const authenticate = await second.request({
      path: '/EWS/Exchange.asmx',
      method: 'POST',
      headers: {
        authorization: authenticateMessage('exch01', challenge, account, secret, []),
        'content-type': xmlType,
      },
      body: getFolder,
    });
    await authenticate.body.dump();
    return authenticate.statusCode;
  }

  it('accepts the right password only on the connection that got the challenge', async () => {
    const sim = await startEwsSimulator({basicEnabled: false});
    const one = new Client(new URL(sim.ewsUrl).origin);
    const two = new Client(new URL(sim.ewsUrl).origin);
    try {
      assert.equal(await handshake(one, one, password), 200);
      assert.equal(sim.requests.at(-1)?.user, user);
      assert.equal(sim.requests.at(-1)?.attemptedUser, 'CONTOSO\\svc-mse');

      assert.equal(await handshake(one, one, 'wrong'), 401);
      assert.equal(await handshake(one, two, password), 401);
      assert.equal(sim.requests.at(-1)?.user, null);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await sim.close();
    }
  });

  it('keeps the connection signed in after a successful handshake, as IIS does', async () => {
    const sim = await startEwsSimulator({basicEnabled: false});
    const client = new Client(new URL(sim.ewsUrl).origin);
    try {
      assert.equal(await handshake(client, client, password), 200);
      const again = await client.request({
        path: '/EWS/Exchange.asmx',
        method: 'POST',
        headers: {'content-type': xmlType},
        body: getFolder,
      });
      await again.body.dump();
      assert.equal(again.statusCode, 200);
      assert.equal(sim.connectionsOpened(), 1);
    } finally {
      await client.close();
      await sim.close();
    }
  });

  it('answers the negotiate message with the bare schemes when it loses the challenge', async () => {
    const sim = await startEwsSimulator({basicEnabled: false, ntlmChallenge: false});
    const client = new Client(new URL(sim.ewsUrl).origin);
    try {
      const negotiate = await client.request({
        path: '/EWS/Exchange.asmx',
        method: 'POST',
        headers: {authorization: negotiateMessage(account), 'content-type': xmlType},
        body: '',
      });
      await negotiate.body.dump();
      assert.equal(negotiate.statusCode, 401);
      assert.deepEqual(negotiate.headers['www-authenticate'], ['Negotiate', 'NTLM']);
    } finally {
      await client.close();
      await sim.close();
    }
  });
});

describe('EWS simulator: OAuth bearer tokens', () => {
  it('offers Bearer, and wants the impersonation header with an app token', async () => {
    const entra = await startEntraSimulator();
    const sim = await startEwsSimulator({
      basicEnabled: false,
      ntlmEnabled: false,
      bearer: {publicKey: entra.publicKey},
    });
    try {
      const challenge = await post(sim, getFolder, {'content-type': xmlType});
      assert.equal(challenge.status, 401);
      assert.match(String(challenge.headers['www-authenticate']), /^Bearer client_id=/);

      const app = demoTenant.apps[0];
      assert.ok(app);
      const issued = await request(
        `${entra.authorityUrl}/${demoTenant.tenantId}/oauth2/v2.0/token`,
        {
          method: 'POST',
          headers: {'content-type': 'application/x-www-form-urlencoded'},
          body: new URLSearchParams({
            grant_type: 'client_credentials',
            client_id: app.clientId,
            client_secret: app.clientSecret,
            scope: 'https://outlook.office365.com/.default',
          }).toString(),
        },
      );
      const {access_token: token} = (await issued.body.json()) as {access_token: string};
      const bearer = {authorization: `Bearer ${token}`, 'content-type': xmlType};

      const withoutHeader = await post(sim, getFolder, bearer);
      assert.equal(withoutHeader.status, 500);
      assert.equal(faultCode(withoutHeader.body), 'a:ErrorInvalidExchangeImpersonationHeaderData');

      const impersonating = buildGetFolderEnvelope({
        version: 'Exchange2013_SP1',
        accessMode: 'impersonation',
        mailbox: 'alice@contoso.example',
      });
      assert.equal((await post(sim, impersonating, bearer)).status, 200);
      assert.equal(sim.requests.at(-1)?.user, `app ${app.clientId}`);

      const tampered = await post(sim, impersonating, {
        ...bearer,
        authorization: `${bearer.authorization}x`,
      });
      assert.equal(tampered.status, 401);
      assert.match(String(tampered.headers['x-ms-diagnostics']), /^2000001;/);
    } finally {
      await Promise.all([sim.close(), entra.close()]);
    }
  });
});

describe('EWS simulator: POX Autodiscover', () => {
  let sim: EwsSimulator;
  before(async () => {
    sim = await startEwsSimulator();
  });
  after(() => sim.close());

  const discover = (address: string) =>
    request(new URL('/autodiscover/autodiscover.xml', sim.ewsUrl), {
      method: 'POST',
      headers: {authorization: basic(user, password), 'content-type': xmlType},
      body: buildPoxRequest(address),
    }).then(async (response) => ({status: response.statusCode, body: await response.body.text()}));

  it('names its own EWS URL for a known mailbox, behind sign-in', async () => {
    const answer = await discover('alice@contoso.example');
    assert.equal(answer.status, 200);
    assert.deepEqual(parsePoxResponse(answer.body), {kind: 'settings', ewsUrl: sim.ewsUrl});

    const anonymous = await request(new URL('/autodiscover/autodiscover.xml', sim.ewsUrl), {
      method: 'POST',
      headers: {'content-type': xmlType},
      body: buildPoxRequest('alice@contoso.example'),
    });
    await anonymous.body.dump();
    assert.equal(anonymous.statusCode, 401);
  });

  it('answers error 500 for an unknown address and follows its redirect setting', async () => {
    assert.deepEqual(parsePoxResponse((await discover('zed@contoso.example')).body), {
      kind: 'error',
      code: '500',
      message: "The email address can't be found.",
    });
    sim.setAutodiscover({kind: 'redirect-address', address: 'bob@contoso.example'});
    try {
      assert.deepEqual(parsePoxResponse((await discover('alice@contoso.example')).body), {
        kind: 'redirect-address',
        address: 'bob@contoso.example',
      });
    } finally {
      sim.setAutodiscover({kind: 'settings'});
    }
  });
});
