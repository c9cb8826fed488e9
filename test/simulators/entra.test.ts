import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {request} from 'undici';

import {
  demoTenant,
  startEntraSimulator,
  verifyJwt,
  type EntraSimulator,
} from '../../src/simulators/entra/index.js';

const [app, unconsented] = demoTenant.apps;
assert.ok(app && unconsented);
const scope = 'https://outlook.office365.com/.default';

async function token(
  sim: EntraSimulator,
  tenant: string,
  fields: Record<string, string>,
  contentType = 'application/x-www-form-urlencoded',
) {
  const response = await request(`${sim.authorityUrl}/${tenant}/oauth2/v2.0/token`, {
    method: 'POST',
    headers: {'content-type': contentType},
    body: new URLSearchParams(fields).toString(),
  });
  return {
    status: response.statusCode,
    json: (await response.body.json()) as Record<string, unknown>,
  };
}

const credentials = (changes: Record<string, string> = {}) => ({
  grant_type: 'client_credentials',
  client_id: app.clientId,
  client_secret: app.clientSecret,
  scope,
  ...changes,
});

describe('Entra ID simulator', () => {
  let sim: EntraSimulator;
  before(async () => {
    sim = await startEntraSimulator();
  });
  after(() => sim.close());

  it('issues an RS256 token for Exchange Online with the app roles', async () => {
    const {status, json} = await token(sim, demoTenant.tenantId, credentials());
    assert.equal(status, 200);
    assert.equal(json.token_type, 'Bearer');
    assert.equal(json.expires_in, 3599);

    const check = verifyJwt(String(json.access_token), sim.publicKey);
    assert.ok(check.ok);
    assert.equal(check.claims.aud, 'https://outlook.office365.com');
    assert.equal(check.claims.appid, app.clientId);
    assert.equal(check.claims.tid, demoTenant.tenantId);
    assert.deepEqual(check.claims.roles, ['full_access_as_app']);
  });

  it('leaves the roles out for an app without consent', async () => {
    const {json} = await token(
      sim,
      'contoso.example',
      credentials({client_id: unconsented.clientId, client_secret: unconsented.clientSecret}),
    );
    const check = verifyJwt(String(json.access_token), sim.publicKey);
    assert.ok(check.ok);
    assert.equal(check.claims.roles, undefined);
  });

  it('answers each mistake with its AADSTS code', async () => {
    const cases: Array<[string, Record<string, string>, number, number, string]> = [
      [demoTenant.tenantId, credentials({client_secret: 'wrong'}), 401, 7000215, 'invalid_client'],
      [demoTenant.tenantId, credentials({client_id: 'nobody'}), 400, 700016, 'unauthorized_client'],
      [
        demoTenant.tenantId,
        credentials({scope: 'https://outlook.office365.com/EWS.AccessAsUser.All'}),
        400,
        1002012,
        'invalid_scope',
      ],
      ['fabrikam.example', credentials(), 400, 90002, 'invalid_request'],
      [
        demoTenant.tenantId,
        credentials({grant_type: 'password'}),
        400,
        70003,
        'unsupported_grant_type',
      ],
    ];
    for (const [tenant, fields, status, code, error] of cases) {
      const answer = await token(sim, tenant, fields);
      assert.equal(answer.status, status, String(code));
      assert.equal(answer.json.error, error);
      assert.deepEqual(answer.json.error_codes, [code]);
      assert.match(String(answer.json.error_description), new RegExp(`^AADSTS${code}: `));
    }
  });

  it('reads only a form body', async () => {
    const answer = await token(sim, demoTenant.tenantId, credentials(), 'application/json');
    assert.equal(answer.status, 400);
    assert.deepEqual(answer.json.error_codes, [900144]);
  });

  it('records requests without the client secret', () => {
    const recorded = JSON.stringify(sim.requests);
    assert.ok(recorded.includes(app.clientId));
    assert.ok(!recorded.includes(app.clientSecret));
    assert.ok(!recorded.includes(unconsented.clientSecret));
  });
});

describe('verifyJwt', () => {
  it('refuses another key, a changed payload and an expired token', async () => {
    const sim = await startEntraSimulator({tokenLifetimeSeconds: 60});
    const other = await startEntraSimulator();
    try {
      const {json} = await token(sim, demoTenant.tenantId, credentials());
      const jwt = String(json.access_token);
      assert.equal(verifyJwt(jwt, other.publicKey).ok, false);

      const [header, payload, signature] = jwt.split('.');
      const claims = JSON.parse(Buffer.from(payload ?? '', 'base64url').toString()) as object;
      const forged = Buffer.from(JSON.stringify({...claims, roles: ['x']})).toString('base64url');
      assert.equal(verifyJwt(`${header}.${forged}.${signature}`, sim.publicKey).ok, false);

      const later = Date.now() + 61_000;
      const expired = verifyJwt(jwt, sim.publicKey, later);
      assert.deepEqual(expired, {ok: false, reason: 'The token has expired.'});
    } finally {
      await Promise.all([sim.close(), other.close()]);
    }
  });
});
