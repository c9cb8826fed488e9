import assert from 'node:assert/strict';
import {mkdtemp, rm, writeFile} from 'node:fs/promises';
import {tmpdir} from 'node:os';
import {join} from 'node:path';
import {after, before, beforeEach, describe, it} from 'node:test';

import {validateExchange, type ExchangeValidationOptions} from '../../src/bind/exchange.js';
import type {AutodiscoverCandidate} from '../../src/bind/exchange/autodiscover/candidates.js';
import {maxAutodiscoverRedirects} from '../../src/bind/exchange/autodiscover/redirect-policy.js';
import {
  demoOrganisation,
  startEwsSimulator,
  type EwsSimulator,
} from '../../src/simulators/ews/index.js';
import {
  exchangePassword as password,
  exchangeSettings,
  exchangeUser as user,
  expectBindFailure,
  probeOptions,
} from '../helpers/exchange-probe.js';
import {closedLoopbackPort, startFixedReplyServer} from '../helpers/fixed-reply-server.js';
import {caFileOf} from '../helpers/mimecast-demo.js';
import {startPlainHttpServer} from '../helpers/plain-http-reply.js';
import {loopbackTls} from '../helpers/loopback-tls.js';

const poxPath = '/autodiscover/autodiscover.xml';
const noEwsUrl = exchangeSettings('');

/** A POX Autodiscover answer naming the given EWS URL. */
function poxSettings(ewsUrl: string): string {
  const outer = 'http://schemas.microsoft.com/exchange/autodiscover/responseschema/2006';
  const inner = 'http://schemas.microsoft.com/exchange/autodiscover/outlook/responseschema/2006a';
  return (
    `<?xml version="1.0" encoding="utf-8"?><Autodiscover xmlns="${outer}">` +
    `<Response xmlns="${inner}"><Account><AccountType>email</AccountType>` +
    `<Action>settings</Action><Protocol><Type>EXCH</Type><EwsUrl>${ewsUrl}</EwsUrl>` +
    '</Protocol></Account></Response></Autodiscover>'
  );
}

describe('validateExchange with Autodiscover', () => {
  let sim: EwsSimulator;
  let other: EwsSimulator;
  let dir: string;
  let caFile: string;
  before(async () => {
    [sim, other] = await Promise.all([
      startEwsSimulator({tls: loopbackTls}),
      startEwsSimulator({tls: loopbackTls}),
    ]);
    dir = await mkdtemp(join(tmpdir(), 'mse-bind-autodiscover-'));
    caFile = join(dir, 'ca.pem');
    await writeFile(caFile, loopbackTls.cert);
  });
  after(async () => {
    await Promise.all([sim.close(), other.close()]);
    await rm(dir, {recursive: true, force: true});
  });
  beforeEach(() => {
    sim.setAutodiscover({kind: 'settings'});
    other.setAutodiscover({kind: 'settings'});
  });

  const pox = (server: EwsSimulator) => new URL(poxPath, server.ewsUrl);
  const options = (
    candidates: (domain: string) => readonly AutodiscoverCandidate[],
    changes: Partial<ExchangeValidationOptions> = {},
  ) => probeOptions({caFile, autodiscoverCandidates: candidates, ...changes});

  it('walks the candidates in order and saves the EWS URL it found', async () => {
    // Basic switched off: it answers the POST with 401.
    const unauthorized = await startEwsSimulator({tls: loopbackTls, basicEnabled: false});
    const redirector = await startPlainHttpServer({
      status: 302,
      headers: {location: pox(sim).href},
    });
    const domains: string[] = [];
    try {
      const refused = `https://127.0.0.1:${await closedLoopbackPort()}${poxPath}`;
      const result = await validateExchange(
        noEwsUrl,
        password,
        options((domain) => {
          domains.push(domain);
          return [
            {kind: 'post', url: new URL(refused)},
            {kind: 'post', url: pox(unauthorized)},
            {kind: 'http-redirect', url: new URL(poxPath, redirector.url)},
          ];
        }),
      );

      assert.deepEqual(domains, ['contoso.example']);
      assert.equal(result.autodiscovered, true);
      assert.equal(result.ewsUrl, sim.ewsUrl);
      assert.ok(result.fact.includes(`EWS URL from Autodiscover: ${sim.ewsUrl}`), result.fact);
      assert.deepEqual(
        unauthorized.requests.map((request) => request.status),
        [401],
      );
      assert.equal(redirector.count(), 1);
      const [discovery, probe] = sim.requests.slice(-2);
      assert.equal(discovery?.path, poxPath);
      assert.equal(discovery?.user, user);
      assert.equal(probe?.path, '/EWS/Exchange.asmx');
      assert.equal(probe?.status, 200);
    } finally {
      await Promise.all([unauthorized.close(), redirector.close()]);
    }
  });

  it('asks about the mailbox address when one is given, with NTLM too', async () => {
    const settings = exchangeSettings('', {
      authScheme: 'ntlm',
      user: 'CONTOSO\\svc-mse',
      accessMode: 'delegate',
      mailbox: 'alice@contoso.example',
    });
    const domains: string[] = [];
    const result = await validateExchange(
      settings,
      password,
      options((domain) => {
        domains.push(domain);
        return [{kind: 'post', url: pox(sim)}];
      }),
    );
    assert.deepEqual(domains, ['contoso.example']);
    assert.equal(result.ewsUrl, sim.ewsUrl);
    assert.equal(result.authScheme, 'ntlm');
  });

  it('follows a redirectUrl and a 302 to https', async () => {
    const candidates = () => [{kind: 'post', url: pox(sim)} as const];
    sim.setAutodiscover({kind: 'redirect-url', url: pox(other).href});
    const viaRedirectUrl = await validateExchange(noEwsUrl, password, options(candidates));
    assert.equal(viaRedirectUrl.ewsUrl, other.ewsUrl);

    sim.setAutodiscover({kind: 'moved', location: `${pox(other).href}?moved=1`});
    const viaMoved = await validateExchange(noEwsUrl, password, options(candidates));
    assert.equal(viaMoved.ewsUrl, other.ewsUrl);
    assert.equal(sim.requests.at(-1)?.status, 302);
    assert.equal(other.requests.at(-2)?.path, `${poxPath}?moved=1`);
  });

  it('starts again for a redirectAddr', async () => {
    sim.setAutodiscover({kind: 'redirect-address', address: 'bob@contoso.example'});
    const domains: string[] = [];
    const result = await validateExchange(
      noEwsUrl,
      password,
      options((domain) => {
        domains.push(domain);
        return [{kind: 'post', url: pox(domains.length === 1 ? sim : other)}];
      }),
    );
    assert.deepEqual(domains, ['contoso.example', 'contoso.example']);
    assert.equal(result.ewsUrl, other.ewsUrl);
  });

  it('refuses a redirect to http and moves on, sending nothing there', async () => {
    const plain = await startPlainHttpServer({status: 200});
    try {
      sim.setAutodiscover({kind: 'redirect-url', url: new URL(poxPath, plain.url).href});
      const result = await validateExchange(
        noEwsUrl,
        password,
        options(() => [
          {kind: 'post', url: pox(sim)},
          {kind: 'post', url: pox(other)},
        ]),
      );
      assert.equal(result.ewsUrl, other.ewsUrl);
      assert.equal(plain.count(), 0);
    } finally {
      await plain.close();
    }
  });

  it('sends nothing to a candidate given as http://, and moves on', async () => {
    const plain = await startEwsSimulator();
    try {
      const result = await validateExchange(
        noEwsUrl,
        password,
        options(() => [
          {kind: 'post', url: pox(plain)},
          {kind: 'post', url: pox(sim)},
        ]),
      );
      assert.equal(result.ewsUrl, sim.ewsUrl);
      assert.equal(plain.connectionsOpened(), 0);
    } finally {
      await plain.close();
    }
  });

  it('refuses a plain http:// EWS URL in an answer, sending it nothing', async () => {
    const plain = await startEwsSimulator();
    const answering = await startFixedReplyServer({
      status: 200,
      headers: {'content-type': 'text/xml; charset=utf-8'},
      body: poxSettings(plain.ewsUrl),
    });
    try {
      const error = await expectBindFailure(
        validateExchange(
          noEwsUrl,
          password,
          options(() => [{kind: 'post', url: new URL(poxPath, answering.url)}], {
            caFile: caFileOf(answering.caCertificate),
          }),
        ),
        'not-found',
      );
      assert.match(error.message, /the EWS URL in the answer is plain http:\/\/, refused/);
      assert.equal(answering.count(), 1);
      assert.equal(plain.connectionsOpened(), 0);
    } finally {
      await Promise.all([plain.close(), answering.close()]);
    }
  });

  it('stops a redirect loop and says what it tried', async () => {
    sim.setAutodiscover({kind: 'redirect-url', url: pox(other).href});
    other.setAutodiscover({kind: 'redirect-url', url: pox(sim).href});
    const error = await expectBindFailure(
      validateExchange(
        noEwsUrl,
        password,
        options(() => [{kind: 'post', url: pox(sim)}]),
      ),
      'not-found',
    );
    assert.match(error.message, /Autodiscover found no EWS URL for svc-mse@contoso\.example/);
    assert.match(error.message, /redirect loop/);
    assert.equal(error.setting, 'ewsUrl');
  });

  it('follows ten redirects, and stops at the eleventh', async () => {
    // A chain of servers, each sending the request on to the next with a redirectUrl.
    const chain = await Promise.all(
      Array.from({length: maxAutodiscoverRedirects + 2}, () =>
        startEwsSimulator({tls: loopbackTls}),
      ),
    );
    try {
      const walk = async (redirects: number) => {
        for (const [hop, server] of chain.entries()) {
          const next = chain[hop + 1];
          server.setAutodiscover(
            hop < redirects && next !== undefined
              ? {kind: 'redirect-url', url: pox(next).href}
              : {kind: 'settings'},
          );
        }
        return validateExchange(
          noEwsUrl,
          password,
          options(() => [{kind: 'post', url: pox(chain[0]!)}]),
        );
      };

      // The tenth redirect's target answers with its settings.
      const tenthTarget = chain[maxAutodiscoverRedirects]!;
      const found = await walk(maxAutodiscoverRedirects);
      assert.equal(found.ewsUrl, tenthTarget.ewsUrl);

      const asked = chain.map((server) => server.requests.length);
      const error = await expectBindFailure(walk(maxAutodiscoverRedirects + 1), 'not-found');
      assert.match(error.message, /more than 10 redirects/);
      // The eleventh redirect is refused before anything is sent to its target.
      const last = chain[maxAutodiscoverRedirects + 1]!;
      assert.equal(last.requests.length, asked[maxAutodiscoverRedirects + 1]);
      assert.equal(tenthTarget.requests.length, (asked[maxAutodiscoverRedirects] ?? 0) + 1);
    } finally {
      await Promise.all(chain.map((server) => server.close()));
    }
  });

  it('follows ten redirectAddr restarts, and stops at the eleventh', async () => {
    const hops = Array.from(
      {length: maxAutodiscoverRedirects + 1},
      (_, n) => `u${n + 1}@contoso.example`,
    );
    const organisation = demoOrganisation();
    const server = await startEwsSimulator({
      tls: loopbackTls,
      organisation: {...organisation, mailboxes: [...organisation.mailboxes, ...hops]},
    });
    try {
      const walk = (restarts: number) => {
        // svc-mse -> u1 -> u2 ...: each address asked about names the next one.
        const askedAbout = [user, ...hops];
        const next = Object.fromEntries(
          hops.slice(0, restarts).map((to, n) => [askedAbout[n], to]),
        );
        server.setAutodiscover({kind: 'redirect-addresses', next});
        return validateExchange(
          noEwsUrl,
          password,
          options(() => [{kind: 'post', url: pox(server)}]),
        );
      };

      const found = await walk(maxAutodiscoverRedirects);
      assert.equal(found.ewsUrl, server.ewsUrl);
      const error = await expectBindFailure(walk(maxAutodiscoverRedirects + 1), 'not-found');
      assert.match(error.message, /redirect to the address u11@contoso\.example not followed/);
    } finally {
      await server.close();
    }
  });

  it('stops a loop of redirectAddr addresses, asking about each address once', async () => {
    const alice = 'alice@contoso.example';
    const bob = 'bob@contoso.example';
    sim.setAutodiscover({
      kind: 'redirect-addresses',
      next: {[user]: alice, [alice]: bob, [bob]: alice},
    });
    const before = sim.requests.length;
    const error = await expectBindFailure(
      validateExchange(
        noEwsUrl,
        password,
        options(() => [{kind: 'post', url: pox(sim)}]),
      ),
      'not-found',
    );
    assert.match(error.message, /Autodiscover found no EWS URL for svc-mse@contoso\.example/);
    assert.match(error.message, /redirect to the address alice@contoso\.example not followed/);
    assert.deepEqual(
      sim.requests.slice(before).map((request) => request.path),
      [poxPath, poxPath, poxPath],
      'one request each for svc-mse, alice and bob',
    );
    assert.equal(error.setting, 'ewsUrl');
  });

  it('uses the best DNS SRV target', async () => {
    const asked: string[] = [];
    const result = await validateExchange(
      noEwsUrl,
      password,
      options(() => [{kind: 'srv', name: '_autodiscover._tcp.contoso.example'}], {
        resolveSrv: async (name) => {
          asked.push(name);
          return [
            {name: 'localhost', port: other.port, priority: 20, weight: 100},
            {name: '127.0.0.1', port: sim.port, priority: 10, weight: 0},
          ];
        },
      }),
    );
    assert.deepEqual(asked, ['_autodiscover._tcp.contoso.example']);
    assert.equal(result.ewsUrl, sim.ewsUrl);
  });

  it('reports every candidate that failed when none answers', async () => {
    const error = await expectBindFailure(
      validateExchange(
        noEwsUrl,
        'Wrong-Password-1!',
        options(
          () => [
            {kind: 'post', url: pox(sim)},
            {kind: 'srv', name: '_autodiscover._tcp.contoso.example'},
          ],
          {resolveSrv: async () => []},
        ),
      ),
      'not-found',
      ['Wrong-Password-1!'],
    );
    assert.match(error.message, /HTTP 401 \(sign-in refused\)/);
    assert.match(error.message, /no SRV record/);
  });

  it('points at the mailbox address when a server said it does not know it', async () => {
    const refused = `https://127.0.0.1:${await closedLoopbackPort()}${poxPath}`;
    const error = await expectBindFailure(
      validateExchange(
        exchangeSettings('', {accessMode: 'delegate', mailbox: 'zed@contoso.example'}),
        password,
        options(() => [
          {kind: 'post', url: pox(sim)},
          {kind: 'post', url: new URL(refused)},
        ]),
      ),
      'not-found',
    );
    assert.match(error.message, /Autodiscover error 500 \(The email address can't be found\.\)/);
    assert.match(
      error.fix,
      /^Check the mailbox address zed@contoso\.example: its spelling, and that it is the primary/,
    );
    assert.match(error.fix, /If it is right, enter the EWS URL/);
    assert.equal(error.setting, 'mailbox');
  });

  it('points at the service account when Autodiscover does not know its address', async () => {
    const noMailbox = 'svc-nobox@contoso.example';
    const server = await startEwsSimulator({
      tls: loopbackTls,
      organisation: {
        ...demoOrganisation(),
        accounts: [
          {user: noMailbox, password, mailbox: null, mayImpersonate: [], fullAccessTo: []},
        ],
      },
    });
    try {
      const error = await expectBindFailure(
        validateExchange(
          exchangeSettings('', {user: noMailbox}),
          password,
          options(() => [{kind: 'post', url: pox(server)}]),
        ),
        'not-found',
      );
      assert.match(error.fix, /^Check the service account svc-nobox@contoso\.example: /);
      assert.match(error.fix, /or enter a mailbox to probe/);
      assert.equal(error.setting, 'exchangeUser');
    } finally {
      await server.close();
    }
  });

  it('names the address a redirect led to when that one is unknown', async () => {
    sim.setAutodiscover({
      kind: 'redirect-addresses',
      next: {'alice@contoso.example': 'ghost@contoso.example'},
    });
    const error = await expectBindFailure(
      validateExchange(
        exchangeSettings('', {accessMode: 'delegate', mailbox: 'alice@contoso.example'}),
        password,
        options(() => [{kind: 'post', url: pox(sim)}]),
      ),
      'not-found',
    );
    assert.match(
      error.fix,
      /^Check that the mailbox ghost@contoso\.example, to which Autodiscover redirected alice@/,
    );
    assert.equal(error.setting, 'ewsUrl');
  });

  it('asks for the EWS URL or Autodiscover when no server answered about the address', async () => {
    const refused = `https://127.0.0.1:${await closedLoopbackPort()}${poxPath}`;
    const error = await expectBindFailure(
      validateExchange(
        noEwsUrl,
        password,
        options(() => [{kind: 'post', url: new URL(refused)}]),
      ),
      'not-found',
    );
    assert.match(error.fix, /^Enter the EWS URL .*, or publish Autodiscover/);
    assert.equal(error.setting, 'ewsUrl');
  });

  it('needs a mailbox address when there is no EWS URL', async () => {
    const error = await expectBindFailure(
      validateExchange(
        exchangeSettings('', {user: 'CONTOSO\\svc-mse'}),
        password,
        options(() => assert.fail('no candidate may be asked')),
      ),
      'input',
    );
    assert.equal(error.setting, 'ewsUrl');
  });
});
