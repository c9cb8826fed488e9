import assert from 'node:assert/strict';
import {after, before, test} from 'node:test';
import {checkBinding, findAccount, registerBinding} from '../../../src/bind/mimecast/index.js';
import {
  demoAccounts,
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {demoBindArgs, demoMimecast, trustSimulator} from '../../helpers/mimecast-demo.js';

let simulator: MimecastSimulator;

before(async () => {
  const [demo] = demoAccounts();
  assert.ok(demo);
  simulator = await startMimecastSimulator({
    accounts: [
      demo,
      {
        accountCode: 'CUSA99Z',
        accountName: 'Fabrikam Inc',
        region: 'us',
        domains: ['fabrikam.example'],
        applications: [{appId: 'app-fabrikam', appKey: 'key-fabrikam-0001'}],
        users: [
          {email: 'it@fabrikam.example', password: 'Fabrikam-1!', realm: 'Basic-AD', roles: []},
        ],
        bindingTtlMs: null,
      },
    ],
  });
});
after(async () => {
  await simulator.close();
});

function args(email: string, overrides: Partial<Parameters<typeof findAccount>[0]> = {}) {
  return {
    discoveryUrl: simulator.discoveryUrl,
    appId: demoMimecast.appId,
    email,
    signal: new AbortController().signal,
    ...trustSimulator(simulator),
    ...overrides,
  };
}

test('finds the regional host on another server, and the realm, without Authorization', async () => {
  const before = simulator.requests().length;
  const found = await findAccount(args(demoMimecast.admin.email));
  assert.equal(found.regionApi, simulator.regionUrls.eu);
  assert.notEqual(found.regionApi, simulator.discoveryUrl);
  assert.equal(found.realm, 'Basic-Cloud');

  const sent = simulator.requests().slice(before);
  assert.deepEqual(
    sent.map((request) => [request.server, request.path, request.authorization]),
    [['global', '/api/login/discover-authentication', 'none']],
  );
  const [request] = sent;
  assert.equal(request?.appId, demoMimecast.appId);
  assert.match(
    request?.reqId ?? '',
    /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/,
  );
  assert.match(
    request?.date ?? '',
    /^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} UTC$/,
  );
  assert.match(request?.userAgent ?? '', /^mse-bind\/\d+\.\d+\.\d+/);
});

test('each account is found in its own region, with the realm of its user', async () => {
  const found = await findAccount(args('it@fabrikam.example'));
  assert.equal(found.regionApi, simulator.regionUrls.us);
  assert.equal(found.realm, 'Basic-AD');
});

test('a domain no account owns is not-found, and says so in plain words', async () => {
  const error = await rejectsWithClass(findAccount(args('admin@contoso.exampel')), 'not-found');
  assert.match(error.message, /contoso\.exampel is not a Mimecast customer domain/);
  assert.match(error.fix, /typos/);
});

test('a trailing slash on the discovery URL is fine; a path is not', async () => {
  await findAccount(args(demoMimecast.admin.email, {discoveryUrl: `${simulator.discoveryUrl}/`}));
  await rejectsWithClass(
    findAccount(args(demoMimecast.admin.email, {discoveryUrl: `${simulator.discoveryUrl}/api`})),
    'input',
  );
});

test('impossible input is refused before any traffic', async () => {
  const before = simulator.requests().length;
  await rejectsWithClass(findAccount(args('not-an-address')), 'input');
  await rejectsWithClass(findAccount(args(demoMimecast.admin.email, {appId: ''})), 'input');
  await rejectsWithClass(
    findAccount(args(demoMimecast.admin.email, {discoveryUrl: 'ftp://example.com'})),
    'input',
  );
  assert.equal(simulator.requests().length, before);
});

test('a discovery URL with a password in it is refused without echoing it', async () => {
  const error = await rejectsWithClass(
    findAccount(
      args(demoMimecast.admin.email, {discoveryUrl: 'https://u:Hunter2-Secret@x.example'}),
    ),
    'input',
  );
  assert.ok(!error.message.includes('Hunter2-Secret'));
});

test('a login at another region is refused as the real grid does: an auth error', async () => {
  const wrongRegion = simulator.regionUrls.us;
  assert.ok(wrongRegion !== undefined && wrongRegion !== simulator.regionUrls.eu);
  const error = await rejectsWithClass(
    registerBinding(demoBindArgs(simulator, {regionApi: wrongRegion})),
    'credentials',
  );
  const host = new URL(wrongRegion).host;
  assert.ok(error.message.includes(host), error.message);
  assert.ok(
    error.message.includes(`, or ${host} is not the region that serves the user's account`),
    error.message,
  );
  assert.match(error.message, /a discovery URL pointing at another region's host/);
  assert.match(error.fix, /check that it points at the account's region/);
  assert.equal(simulator.requests().at(-1)?.server, 'us');
  assert.equal(simulator.requests().at(-1)?.status, 401);
});

test('a signed call at another region is refused there, naming the region', async () => {
  const {binding} = await registerBinding(demoBindArgs(simulator));
  const wrongRegion = simulator.regionUrls.us ?? '';
  const host = new URL(wrongRegion).host;
  const error = await rejectsWithClass(
    checkBinding({
      regionApi: wrongRegion,
      appId: demoMimecast.appId,
      appKey: demoMimecast.appKey,
      binding,
      signal: new AbortController().signal,
      ...trustSimulator(simulator),
    }),
    'credentials',
  );
  assert.deepEqual(
    [simulator.requests().at(-1)?.server, simulator.requests().at(-1)?.status],
    ['us', 401],
  );
  assert.ok(error.message.startsWith(`Mimecast account check at ${host} `), error.message);
  assert.ok(error.message.includes(`, or ${host} is not the region that holds the binding`));
  assert.equal(error.setting, 'appKey');
  assert.match(error.fix, /re-bind the site \(discovery finds the binding's region again\)/);
});
