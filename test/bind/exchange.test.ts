import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {createServer} from 'node:net';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, describe, it} from 'node:test';

import type {BindError} from '../../src/bind/errors.js';
import {validateExchange} from '../../src/bind/exchange.js';
import {ewsUserAgent} from '../../src/bind/exchange/user-agent.js';
import type {ExchangeSettings} from '../../src/bind/settings.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {
  demoOrganisation,
  startEwsSimulator,
  type EwsOrganisation,
  type EwsSimulator,
} from '../../src/simulators/ews/index.js';
import {expectBindFailure, probeOptions, waitFor} from '../helpers/exchange-probe.js';
import {loopbackTls} from '../helpers/loopback-tls.js';

const password = demoFixture.exchange.password;
const user = demoFixture.exchange.user;
const alice = 'alice@contoso.example';
const bob = 'bob@contoso.example';

function settingsFor(sim: EwsSimulator, changes: Partial<ExchangeSettings> = {}): ExchangeSettings {
  return {
    ewsUrl: sim.ewsUrl,
    authScheme: 'basic',
    user,
    accessMode: 'own',
    mailbox: '',
    ...changes,
  };
}

const live = () => probeOptions();

function expectFailure(
  run: Promise<unknown>,
  errorClass: BindError['errorClass'],
  secrets: readonly string[] = [password],
): Promise<BindError> {
  return expectBindFailure(run, errorClass, secrets);
}

// An organisation where the service account may impersonate only alice and open only bob.
function restrictedOrganisation(): EwsOrganisation {
  const demo = demoOrganisation();
  return {
    mailboxes: demo.mailboxes,
    accounts: [
      {user, password, mailbox: user, mayImpersonate: [alice], fullAccessTo: [bob]},
      {
        user: 'svc-nobox@contoso.example',
        password,
        mailbox: null,
        mayImpersonate: [],
        fullAccessTo: [],
      },
    ],
  };
}

describe('validateExchange against the EWS simulator', () => {
  let sim: EwsSimulator;
  before(async () => {
    sim = await startEwsSimulator({tls: loopbackTls, organisation: restrictedOrganisation()});
  });
  after(() => sim.close());

  it('reads the own mailbox root and reports the build', async () => {
    const result = await validateExchange(settingsFor(sim), password, live());

    assert.equal(result.serverVersion, '15.2.1544.4');
    assert.equal(
      result.fact,
      `Exchange 15.2 (build 1544.4), mailbox root readable (own mailbox of ${user})`,
    );
    const seen = sim.requests.at(-1);
    assert.equal(seen?.status, 200);
    assert.equal(seen?.user, user);
    assert.equal(seen?.userAgent, ewsUserAgent);
    assert.equal(seen?.contentType, 'text/xml; charset=utf-8');
    assert.equal(seen?.schemaVersion, 'Exchange2013_SP1');
    assert.equal(seen?.impersonate, null);
    assert.equal(seen?.mailbox, null);
  });

  it('reads a delegated mailbox named inside the folder id', async () => {
    const settings = settingsFor(sim, {accessMode: 'delegate', mailbox: bob});
    const result = await validateExchange(settings, password, live());

    assert.match(result.fact, /mailbox root readable \(delegate access to bob@contoso\.example\)$/);
    assert.equal(sim.requests.at(-1)?.mailbox, bob);
    assert.equal(sim.requests.at(-1)?.impersonate, null);
  });

  it('reads an impersonated mailbox named in the SOAP header', async () => {
    const settings = settingsFor(sim, {accessMode: 'impersonation', mailbox: alice});
    const result = await validateExchange(settings, password, live());

    assert.match(result.fact, /mailbox root readable \(impersonation of alice@contoso\.example\)$/);
    assert.equal(sim.requests.at(-1)?.impersonate, alice);
    assert.equal(sim.requests.at(-1)?.mailbox, null);
  });

  it('classifies a wrong password as credentials, after one request only', async () => {
    const before = sim.requests.length;
    const wrong = 'Not-The-Password-1!';
    const error = await expectFailure(
      validateExchange(settingsFor(sim), wrong, live()),
      'credentials',
      [wrong],
    );
    assert.match(error.message, /rejected the password for svc-mse@contoso\.example/);
    assert.equal(sim.requests.length, before + 1);
  });

  it('classifies a missing delegated mailbox as not-found (per-message error)', async () => {
    const settings = settingsFor(sim, {accessMode: 'delegate', mailbox: 'zed@contoso.example'});
    const error = await expectFailure(validateExchange(settings, password, live()), 'not-found');
    assert.match(error.message, /zed@contoso\.example/);
    assert.equal(sim.requests.at(-1)?.status, 200);
  });

  it('classifies a missing impersonated mailbox as not-found (SOAP fault)', async () => {
    const settings = settingsFor(sim, {
      accessMode: 'impersonation',
      mailbox: 'zed@contoso.example',
    });
    await expectFailure(validateExchange(settings, password, live()), 'not-found');
    assert.equal(sim.requests.at(-1)?.status, 500);
  });

  it('classifies a refused impersonation as permission', async () => {
    const settings = settingsFor(sim, {accessMode: 'impersonation', mailbox: bob});
    const error = await expectFailure(validateExchange(settings, password, live()), 'permission');
    assert.match(error.message, /may not impersonate bob@contoso\.example/);
    assert.match(error.fix, /ApplicationImpersonation/);
  });

  it('classifies a delegate without Full Access as permission', async () => {
    const settings = settingsFor(sim, {accessMode: 'delegate', mailbox: alice});
    const error = await expectFailure(validateExchange(settings, password, live()), 'permission');
    assert.match(error.fix, /Full Access/);
  });

  it('classifies an account without a mailbox probing its own as not-found', async () => {
    const settings = settingsFor(sim, {user: 'svc-nobox@contoso.example'});
    const error = await expectFailure(validateExchange(settings, password, live()), 'not-found');
    assert.match(error.message, /has no mailbox/);
  });

  it('classifies ErrorServerBusy as server, not as a credentials problem', async () => {
    sim.failNext('server-busy');
    const error = await expectFailure(
      validateExchange(settingsFor(sim), password, live()),
      'server',
    );
    assert.match(error.message, /not a credentials problem/);
  });

  it('classifies a 500 without SOAP as server', async () => {
    sim.failNext('http-500');
    const error = await expectFailure(
      validateExchange(settingsFor(sim), password, live()),
      'server',
    );
    assert.match(error.message, /HTTP 500/);
  });

  it('classifies a 403 as permission', async () => {
    sim.failNext('forbidden');
    const error = await expectFailure(
      validateExchange(settingsFor(sim), password, live()),
      'permission',
    );
    assert.ok(error.fix.includes(ewsUserAgent));
  });

  it('classifies a redirect to a logon page as auth-scheme (forms-based auth)', async () => {
    sim.failNext('logon-redirect');
    const error = await expectFailure(
      validateExchange(settingsFor(sim), password, live()),
      'auth-scheme',
    );
    assert.match(error.message, /forms-based/);
  });

  it('classifies a wrong path as not-found', async () => {
    const settings = settingsFor(sim, {ewsUrl: sim.ewsUrl.replace('/EWS/', '/OWA/')});
    await expectFailure(validateExchange(settings, password, live()), 'not-found');
  });

  it('times out as network and leaves no connection open', async () => {
    sim.failNext('hang');
    const started = Date.now();
    const error = await expectFailure(
      validateExchange(settingsFor(sim), password, {...live(), timeoutMs: 300}),
      'network',
    );
    assert.match(error.message, /did not answer/);
    assert.ok(Date.now() - started < 5000);
    await waitFor(() => sim.openConnections() === 0);
  });

  it('cancels on abort, closing its connection', async () => {
    sim.failNext('hang');
    const controller = new AbortController();
    const before = sim.requests.length;
    const run = validateExchange(
      settingsFor(sim),
      password,
      probeOptions({signal: controller.signal}),
    );
    await waitFor(() => sim.requests.length > before);
    controller.abort();

    await expectFailure(run, 'cancelled');
    await waitFor(() => sim.openConnections() === 0);
  });

  it('cancels before any request when the signal is already aborted', async () => {
    const before = sim.requests.length;
    await expectFailure(
      validateExchange(settingsFor(sim), password, probeOptions({signal: AbortSignal.abort()})),
      'cancelled',
    );
    assert.equal(sim.requests.length, before);
  });

  it('refuses input it cannot send, before any request', async () => {
    const before = sim.requests.length;
    await expectFailure(validateExchange(settingsFor(sim), '', live()), 'input', ['unused']);
    await expectFailure(
      validateExchange(settingsFor(sim, {accessMode: 'delegate'}), password, live()),
      'input',
    );
    await expectFailure(
      validateExchange(
        settingsFor(sim, {ewsUrl: 'http://mail.contoso.example/EWS/Exchange.asmx'}),
        password,
        live(),
      ),
      'input',
    );
    assert.equal(sim.requests.length, before);
  });

  it('returns the EWS URL it probed and the scheme it used', async () => {
    const result = await validateExchange(settingsFor(sim), password, live());
    assert.equal(result.ewsUrl, sim.ewsUrl);
    assert.equal(result.autodiscovered, false);
    assert.equal(result.authScheme, 'basic');
  });

  it('names the field to fix in each refusal', async () => {
    const wrongMailbox = await expectFailure(
      validateExchange(
        settingsFor(sim, {accessMode: 'delegate', mailbox: 'zed@contoso.example'}),
        password,
        live(),
      ),
      'not-found',
    );
    assert.equal(wrongMailbox.setting, 'mailbox');
    const wrongPath = await expectFailure(
      validateExchange(
        settingsFor(sim, {ewsUrl: sim.ewsUrl.replace('/EWS/', '/OWA/')}),
        password,
        live(),
      ),
      'not-found',
    );
    assert.equal(wrongPath.setting, 'ewsUrl');
    const wrongPassword = await expectFailure(
      validateExchange(settingsFor(sim), 'Wrong-1!', live()),
      'credentials',
      ['Wrong-1!'],
    );
    assert.equal(wrongPassword.setting, 'exchangePassword');
  });
});

describe('validateExchange: servers set up differently', () => {
  it('names the schemes offered when Basic is off', async () => {
    const sim = await startEwsSimulator({tls: loopbackTls, basicEnabled: false});
    try {
      const error = await expectFailure(
        validateExchange(settingsFor(sim), password, live()),
        'auth-scheme',
      );
      assert.match(error.message, /does not accept Basic/);
      assert.match(error.message, /Negotiate/);
      assert.match(error.message, /NTLM/);
    } finally {
      await sim.close();
    }
  });

  it('retries once with Exchange2010_SP2 on an Exchange 2010 server', async () => {
    const sim = await startEwsSimulator({
      tls: loopbackTls,
      serverVersion: {major: 14, minor: 3, majorBuild: 123, minorBuild: 4},
      schemaVersions: ['Exchange2010', 'Exchange2010_SP1', 'Exchange2010_SP2'],
    });
    try {
      const result = await validateExchange(settingsFor(sim), password, live());
      assert.equal(result.serverVersion, '14.3.123.4');
      assert.deepEqual(
        sim.requests.map((request) => request.schemaVersion),
        ['Exchange2013_SP1', 'Exchange2010_SP2'],
      );
    } finally {
      await sim.close();
    }
  });

  it('gives up after the one retry when no schema is accepted', async () => {
    const sim = await startEwsSimulator({tls: loopbackTls, schemaVersions: ['Exchange2007_SP1']});
    try {
      await expectFailure(validateExchange(settingsFor(sim), password, live()), 'server');
      assert.equal(sim.requests.length, 2);
    } finally {
      await sim.close();
    }
  });

  it('classifies a refused connection as network', async () => {
    const url = `https://127.0.0.1:${await closedPort()}/EWS/Exchange.asmx`;
    const error = await expectFailure(
      validateExchange({...baseSettings(), ewsUrl: url}, password, live()),
      'network',
    );
    assert.match(error.message, /ECONNREFUSED/);
  });
});

describe('validateExchange over TLS', () => {
  let sim: EwsSimulator;
  let dir: string;
  before(async () => {
    sim = await startEwsSimulator({tls: loopbackTls});
    dir = await mkdtemp(join(tmpdir(), 'mse-bind-ews-'));
  });
  after(async () => {
    await sim.close();
    await rm(dir, {recursive: true, force: true});
  });

  it('rejects a certificate the system does not trust as tls', async () => {
    const error = await expectFailure(
      validateExchange(settingsFor(sim), password, probeOptions({caFile: ''})),
      'tls',
    );
    assert.match(error.fix, /CA file/);
  });

  it('trusts the certificate given in the CA file', async () => {
    const caFile = join(dir, 'ca.pem');
    await writeFile(caFile, loopbackTls.cert);
    const result = await validateExchange(settingsFor(sim), password, {...live(), caFile});
    assert.equal(result.serverVersion, '15.2.1544.4');
  });

  it('refuses a CA file that holds no certificate', async () => {
    const caFile = join(dir, 'not-a-ca.pem');
    await writeFile(caFile, 'just some text\n');
    const unreadable = await expectFailure(
      validateExchange(settingsFor(sim), password, {...live(), caFile}),
      'input',
    );
    assert.equal(unreadable.setting, 'caFile');
    await expectFailure(
      validateExchange(settingsFor(sim), password, {...live(), caFile: join(dir, 'missing.pem')}),
      'input',
    );
  });
});

function baseSettings(): ExchangeSettings {
  return {ewsUrl: '', authScheme: 'basic', user, accessMode: 'own', mailbox: ''};
}

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const {port} = server.address() as {port: number};
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
