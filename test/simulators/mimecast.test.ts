import assert from 'node:assert/strict';
import {createHmac, randomUUID} from 'node:crypto';
import {after, before, test} from 'node:test';
import {Agent, request} from 'undici';
import {
  demoAccounts,
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../src/simulators/mimecast/index.js';
import {demoMimecast} from '../helpers/mimecast-demo.js';

const admin = demoMimecast.admin;
let simulator: MimecastSimulator;
/** Trusts the simulator's CA, and nothing else: the requests go through real TLS checks. */
let trusting: Agent;

before(async () => {
  const [demo] = demoAccounts();
  assert.ok(demo);
  simulator = await startMimecastSimulator({
    // Every test here signs in by hand; the cap has tests of its own.
    maxBindingsPerUser: 100,
    accounts: [
      {
        ...demo,
        users: [
          ...demo.users,
          {
            email: 'twostep@contoso.example',
            password: 'Two-Step-1!',
            realm: 'Basic-Cloud',
            roles: ['Basic Administrator'],
            twoStepAuthentication: true,
          },
        ],
      },
    ],
  });
  trusting = new Agent({connect: {ca: simulator.caCertificate}});
});
after(async () => {
  await trusting.close();
  await simulator.close();
});

type EnvelopeBody = {
  meta: {status: number};
  data: Record<string, unknown>[];
  fail: {errors: {code: string; message: string}[]}[];
};
type Reply = {status: number; headers: Record<string, unknown>; body: EnvelopeBody};

async function post(
  base: string,
  path: string,
  headers: Record<string, string>,
  body: string,
  method: 'POST' | 'GET' = 'POST',
): Promise<Reply> {
  const response = await request(`${base}${path}`, {
    method,
    headers,
    body: method === 'POST' ? body : undefined,
    dispatcher: trusting,
  });
  return {
    status: response.statusCode,
    headers: response.headers,
    body: (await response.body.json()) as EnvelopeBody,
  };
}

/** RFC 1123 with either suffix, written here by hand rather than with the client's helper. */
function mcDate(date: Date, suffix: 'UTC' | 'GMT' = 'UTC'): string {
  return date.toUTCString().replace('GMT', suffix);
}

function basic(realm: string, email: string, password: string): string {
  return `${realm} ${Buffer.from(`${email}:${password}`).toString('base64')}`;
}

async function loginByHand(): Promise<{accessKey: string; secretKey: string}> {
  const reply = await post(
    simulator.regionApi,
    '/api/login/login',
    {
      authorization: basic('Basic-Cloud', admin.email, admin.password),
      'x-mc-app-id': demoMimecast.appId,
      'x-mc-req-id': randomUUID(),
      'x-mc-date': mcDate(new Date()),
      'content-type': 'application/json',
    },
    JSON.stringify({data: [{userName: admin.email}]}),
  );
  assert.equal(reply.status, 200);
  const {accessKey, secretKey} = reply.body.data[0] ?? {};
  assert.ok(typeof accessKey === 'string' && typeof secretKey === 'string');
  return {accessKey, secretKey};
}

function signedHeaders(
  keys: {accessKey: string; secretKey: string},
  options: {path: string; date?: string; signingKey?: string; appKey?: string},
): Record<string, string> {
  const date = options.date ?? mcDate(new Date());
  const reqId = randomUUID();
  const message = `${date}:${reqId}:${options.path}:${options.appKey ?? demoMimecast.appKey}`;
  const key = Buffer.from(options.signingKey ?? keys.secretKey, 'base64');
  const signature = createHmac('sha1', key).update(message).digest('base64');
  return {
    authorization: `MC ${keys.accessKey}:${signature}`,
    'x-mc-app-id': demoMimecast.appId,
    'x-mc-req-id': reqId,
    'x-mc-date': date,
    'content-type': 'application/json',
  };
}

const getAccount = '/api/account/get-account';

test('a request signed by hand with the right key is served', async () => {
  const keys = await loginByHand();
  const reply = await post(
    simulator.regionApi,
    getAccount,
    signedHeaders(keys, {path: getAccount}),
    '{"data":[]}',
  );
  assert.equal(reply.status, 200);
  assert.equal(reply.body.data[0]?.accountCode, demoMimecast.accountCode);
  assert.deepEqual(reply.body.fail, []);
});

test('a signature made with a wrong key is refused with 401 and a fail entry', async () => {
  const keys = await loginByHand();
  const wrongKey = Buffer.alloc(32, 1).toString('base64');
  const reply = await post(
    simulator.regionApi,
    getAccount,
    signedHeaders(keys, {path: getAccount, signingKey: wrongKey}),
    '{"data":[]}',
  );
  assert.equal(reply.status, 401);
  assert.equal(reply.body.meta.status, 401);
  assert.equal(typeof reply.body.fail[0]?.errors[0]?.code, 'string');
});

test('a signature with the wrong application key, or over the full URL, is refused', async () => {
  const keys = await loginByHand();
  const wrongAppKey = signedHeaders(keys, {path: getAccount, appKey: 'another-key'});
  assert.equal((await post(simulator.regionApi, getAccount, wrongAppKey, '{}')).status, 401);
  const fullUrl = signedHeaders(keys, {path: `${simulator.regionApi}${getAccount}`});
  assert.equal((await post(simulator.regionApi, getAccount, fullUrl, '{}')).status, 401);
});

test('x-mc-date may end in UTC or GMT; a skew over 15 minutes is refused', async () => {
  const keys = await loginByHand();
  const gmt = signedHeaders(keys, {path: getAccount, date: mcDate(new Date(), 'GMT')});
  assert.equal((await post(simulator.regionApi, getAccount, gmt, '{}')).status, 200);
  const late = signedHeaders(keys, {
    path: getAccount,
    date: mcDate(new Date(Date.now() - 20 * 60_000)),
  });
  assert.equal((await post(simulator.regionApi, getAccount, late, '{}')).status, 401);
});

test('an expired binding is HTTP 418 with err_xdk_binding_expired', async () => {
  const keys = await loginByHand();
  simulator.expireBindings(admin.email);
  const reply = await post(
    simulator.regionApi,
    getAccount,
    signedHeaders(keys, {path: getAccount}),
    '{}',
  );
  assert.equal(reply.status, 418);
  assert.equal(reply.body.fail[0]?.errors[0]?.code, 'err_xdk_binding_expired');
});

test('relaxed bodies (single quotes, True/False) are accepted, as Python sends them', async () => {
  const reply = await post(
    simulator.regionApi,
    '/api/login/login',
    {
      authorization: basic('Basic-Cloud', admin.email, admin.password),
      'x-mc-app-id': demoMimecast.appId,
      'x-mc-req-id': randomUUID(),
      'x-mc-date': mcDate(new Date()),
    },
    `{'data': [{'username': '${admin.email}', 'extended': True, 'note': 'it\\'s', 'x': None}]}`,
  );
  assert.equal(reply.status, 200);
  assert.equal(typeof reply.body.data[0]?.accessKey, 'string');
});

test('the realm is compared without regard to case; the wrong realm is 401 naming it', async () => {
  const headers = (realm: string) => ({
    authorization: basic(realm, admin.email, admin.password),
    'x-mc-app-id': demoMimecast.appId,
    'x-mc-req-id': randomUUID(),
    'x-mc-date': mcDate(new Date()),
  });
  const body = JSON.stringify({data: [{userName: admin.email}]});
  assert.equal(
    (await post(simulator.regionApi, '/api/login/login', headers('basic-cloud'), body)).status,
    200,
  );
  const wrong = await post(simulator.regionApi, '/api/login/login', headers('Basic-AD'), body);
  assert.equal(wrong.status, 401);
  assert.match(wrong.body.fail[0]?.errors[0]?.message ?? '', /Basic-AD is not supported/);
});

test('login replies carry the rate-limit headers; a login without credentials is 400', async () => {
  const headers = {
    'x-mc-app-id': demoMimecast.appId,
    'x-mc-req-id': randomUUID(),
    'x-mc-date': mcDate(new Date()),
  };
  const missing = await post(simulator.regionApi, '/api/login/login', headers, '{"data":[]}');
  assert.equal(missing.status, 400);
  const ok = await post(
    simulator.regionApi,
    '/api/login/login',
    {...headers, authorization: basic('Basic-Cloud', admin.email, admin.password)},
    JSON.stringify({data: [{userName: admin.email}]}),
  );
  assert.equal(ok.headers['x-ratelimit-limit'], '300');
  assert.match(String(ok.headers['x-ratelimit-remaining']), /^\d+$/);
  assert.match(String(ok.headers['x-ratelimit-reset']), /^\d+$/);
});

test('a user with 2-step authentication on cannot bind', async () => {
  const reply = await post(
    simulator.regionApi,
    '/api/login/login',
    {
      authorization: basic('Basic-Cloud', 'twostep@contoso.example', 'Two-Step-1!'),
      'x-mc-app-id': demoMimecast.appId,
    },
    JSON.stringify({data: [{userName: 'twostep@contoso.example'}]}),
  );
  assert.equal(reply.status, 401);
  assert.match(reply.body.fail[0]?.errors[0]?.message ?? '', /2-step/);
});

test('discovery answers an unknown domain with HTTP 200 and no region', async () => {
  const reply = await post(
    simulator.discoveryUrl,
    '/api/login/discover-authentication',
    {'x-mc-app-id': demoMimecast.appId},
    JSON.stringify({data: [{emailAddress: 'someone@unknown.example'}]}),
  );
  assert.equal(reply.status, 200);
  assert.equal(reply.body.data[0]?.emailAddress, 'someone@unknown.example');
  assert.equal(reply.body.data[0]?.region, undefined);
});

test('only POST is served (405), unknown paths are 404, both in the envelope', async () => {
  const get = await post(simulator.regionApi, getAccount, {}, '', 'GET');
  assert.equal(get.status, 405);
  assert.equal(get.body.meta.status, 405);
  const unknown = await post(simulator.regionApi, '/api/nothing/here', {}, '{}');
  assert.equal(unknown.status, 404);
  assert.ok(Array.isArray(unknown.body.fail));
});

test('the test view of bindings never holds a secret key', async () => {
  const keys = await loginByHand();
  const views = simulator.bindingsFor(admin.email);
  assert.ok(views.some((view) => view.accessKey === keys.accessKey));
  assert.ok(!JSON.stringify(views).includes(keys.secretKey));
});

test('a client written like the Python samples binds and signs on its own', async () => {
  // discover: a Python dict repr as the body (`data=str(payload)`) and no x-mc-date.
  const found = await post(
    simulator.discoveryUrl,
    '/api/login/discover-authentication',
    {'x-mc-app-id': demoMimecast.appId, 'x-mc-req-id': randomUUID()},
    `{'data': [{'emailAddress': '${admin.email}'}]}`,
  );
  assert.equal(found.status, 200);
  const region = (found.body.data[0]?.region as {api?: string} | undefined)?.api;
  assert.equal(region, simulator.regionApi);

  // login at the region the answer named, with the realm it offered.
  const realm = (found.body.data[0]?.authenticate as string[] | undefined)?.[0] ?? '';
  const loggedIn = await post(
    region,
    '/api/login/login',
    {
      authorization: basic(realm, admin.email, admin.password),
      'x-mc-app-id': demoMimecast.appId,
      'x-mc-req-id': randomUUID(),
      'x-mc-date': mcDate(new Date(), 'GMT'),
    },
    `{'data': [{'userName': '${admin.email}'}]}`,
  );
  assert.equal(loggedIn.status, 200);
  const {accessKey, secretKey} = loggedIn.body.data[0] as {accessKey: string; secretKey: string};

  // get-account: the signature as the samples compute it (hmac.new(base64.b64decode(...))).
  const date = mcDate(new Date(), 'GMT');
  const reqId = randomUUID();
  const signature = createHmac('sha1', Buffer.from(secretKey, 'base64'))
    .update([date, reqId, getAccount, demoMimecast.appKey].join(':'))
    .digest('base64');
  const account = await post(
    region,
    getAccount,
    {
      authorization: `MC ${accessKey}:${signature}`,
      'x-mc-app-id': demoMimecast.appId,
      'x-mc-req-id': reqId,
      'x-mc-date': date,
    },
    "{'data': []}",
  );
  assert.equal(account.status, 200);
  assert.equal(account.body.data[0]?.accountName, demoMimecast.accountName);
});

test('what the service refuses: newline separators, local-time dates, no request id', async () => {
  const keys = await loginByHand();
  const sign = (message: string) =>
    createHmac('sha1', Buffer.from(keys.secretKey, 'base64')).update(message).digest('base64');
  const date = mcDate(new Date());
  const reqId = randomUUID();
  const headers = (signature: string, overrides: Record<string, string> = {}) => ({
    authorization: `MC ${keys.accessKey}:${signature}`,
    'x-mc-app-id': demoMimecast.appId,
    'x-mc-req-id': reqId,
    'x-mc-date': date,
    ...overrides,
  });
  const right = sign([date, reqId, getAccount, demoMimecast.appKey].join(':'));
  const newlines = sign([date, reqId, getAccount, demoMimecast.appKey].join('\n'));
  const localDate = new Date().toString();
  const local = sign([localDate, reqId, getAccount, demoMimecast.appKey].join(':'));
  const noReqId = sign([date, '', getAccount, demoMimecast.appKey].join(':'));

  assert.equal((await post(simulator.regionApi, getAccount, headers(right), '{}')).status, 200);
  for (const refused of [
    headers(newlines),
    headers(local, {'x-mc-date': localDate}),
    headers(noReqId, {'x-mc-req-id': ''}),
    headers(right, {'x-mc-app-id': 'another-application'}),
  ]) {
    assert.equal((await post(simulator.regionApi, getAccount, refused, '{}')).status, 401);
  }
});

test('the global host sends signed calls to the region with a redirect', async () => {
  const keys = await loginByHand();
  const reply = await request(`${simulator.discoveryUrl}${getAccount}`, {
    method: 'POST',
    headers: signedHeaders(keys, {path: getAccount}),
    body: '{"data":[]}',
    dispatcher: trusting,
  });
  await reply.body.dump();
  assert.equal(reply.statusCode, 302);
  assert.equal(reply.headers.location, `${simulator.regionApi}${getAccount}`);
});
