import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {exitCodes} from '../../src/bind/errors.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {startEwsSimulator} from '../../src/simulators/ews/index.js';
import {demoTenant} from '../../src/simulators/entra/index.js';
import {loopbackHosts, processCertificateAuthority} from '../../src/simulators/tls/index.js';
import {startBindWithExchange, type BindWithExchange} from '../helpers/bind-with-exchange.js';
import {
  entraFailureTable,
  ewsFailureTable,
  exchangeOnlineHost,
  matrixSecrets,
  startMatrixSite,
  type MatrixSite,
} from '../helpers/exchange-failure-matrix.js';
import {noKeychain} from '../helpers/no-keychain.js';
import {runCli} from '../helpers/run-cli.js';

/**
 * Step 4 through the whole program: every row of the EWS failure table, and Entra ID's sign-in
 * failures, through `mse-bind bind --non-interactive` and through the wizard, against the
 * simulators. Each shows the message and fix validateExchange gives for the same server
 * answer, exits with its class's code, and shows no secret. Exchange Online is reached by its
 * own name, through the proxy setting and a loopback proxy that routes the name to a simulator.
 */

const stepTitle = 'Validate Exchange access';
const alice = 'alice@contoso.example';

let matrix: MatrixSite;
let site: BindWithExchange;

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

/** No secret, and no access token (a JWT starts with a base64 `{"`), in any output. */
function assertNothingSecret(texts: readonly string[]): void {
  for (const text of texts) {
    for (const secret of [...matrixSecrets, ...site.siteSecrets]) {
      assert.ok(!text.includes(secret), 'a secret reached the output');
    }
    assert.doesNotMatch(text, /eyJ[\w-]{10,}/, 'an access token reached the output');
  }
}

before(async () => {
  [matrix, site] = await Promise.all([startMatrixSite(), startBindWithExchange()]);
});
after(async () => {
  await Promise.all([site?.close(), matrix?.close()]);
});

// Each row has an Exchange of its own, so rows run side by side; Mimecast, the directory,
// Entra ID and the proxy are shared, and none of them changes state on a failed bind.
describe('the EWS failure table through the whole program', {concurrency: 6}, () => {
  for (const row of [...ewsFailureTable, ...entraFailureTable]) {
    it(`${row.name}: exit ${exitCodes[row.errorClass]}, the same message and fix`, async () => {
      // One failure queued for each of the three binds: validateExchange, the CLI, the wizard.
      const prepared = await matrix.prepare(row, 3);
      const under = {...prepared, caFile: matrix.caFile};
      const [expected, cli, wizard] = await Promise.all([
        matrix.validate(prepared),
        site.cli(under),
        site.wizard(under),
      ]);
      assert.equal(expected.errorClass, row.errorClass, expected.message);
      assert.match(expected.message, row.message);

      assert.equal(cli.code, exitCodes[row.errorClass], cli.stdout + cli.stderr);
      const line = `[x] 4 ${stepTitle}: ${expected.message}\n    Fix: ${expected.fix}\n`;
      assert.ok(cli.stdout.includes(line), `${line}\n---\n${cli.stdout}`);

      const screen = flat(wizard.frame);
      assert.ok(screen.includes(`Cause: ${expected.message}`), wizard.frame);
      assert.ok(screen.includes(`Fix: ${expected.fix}`), wizard.frame);
      assert.match(wizard.frame, /\[x\] 4\. Validate Exchange access - failed/);
      assertNothingSecret([cli.stdout, cli.stderr, ...wizard.frames]);
    });
  }
});

describe('Exchange through the whole program', () => {
  it('binds with OAuth to Exchange Online by its name, through the proxy', async () => {
    const [app] = demoTenant.apps;
    assert.ok(app);
    const row = entraFailureTable[0];
    assert.ok(row?.oauth);
    const prepared = await matrix.prepare({...row, oauth: {...row.oauth, ...app}});
    const tunnels = matrix.proxy.tunnels.length;
    const cli = await site.cli({...prepared, caFile: matrix.caFile});

    assert.equal(cli.code, 0, cli.stdout + cli.stderr);
    assert.match(
      cli.stdout,
      /\[\+\] 4 Validate Exchange access: Exchange 15\.2 \(build 1544\.4\), mailbox root readable \(impersonation of alice@contoso\.example\) \(\d+ ms\)\n/,
    );
    const through = matrix.proxy.tunnels.slice(tunnels);
    assert.ok(through.includes(`${exchangeOnlineHost}:${prepared.ews.port}`), through.join(' '));
    assert.equal(prepared.ews.requests.at(-1)?.user, `app ${app.clientId}`);
    assertNothingSecret([cli.stdout, cli.stderr]);
  });

  it('binds the demo site with OAuth in the wizard once OAuth and a mailbox are chosen', async () => {
    // Only the scheme, impersonation and the mailbox change: the demo fills in the app.
    const {settings, secrets, summary, entra} = site.simulators;
    const tokens = entra.requests.length;
    const wizard = await site.wizard({
      exchange: {
        ...settings.exchange,
        authScheme: 'oauth',
        accessMode: 'impersonation',
        mailbox: alice,
      },
      password: '',
      clientSecret: secrets.exchangeClientSecret ?? '',
      proxyUrl: '',
      caFile: summary.caFile,
    });
    assert.match(wizard.frame, /ALL SETTINGS ARE VALID/);
    assert.deepEqual(
      entra.requests.slice(tokens).map((request) => [request.clientId, request.status]),
      [[summary.oauthClientId, 200]],
    );
    assertNothingSecret(wizard.frames);
  });

  it('saves and shows the EWS URL Autodiscover found from the mailbox address', async () => {
    // The mail domain's own host answers Autodiscover, as the first documented candidate; it
    // is reached by its name through the proxy, with a certificate for that name.
    const {ca} = await processCertificateAuthority();
    const domain = demoFixture.domain;
    const tls = await ca.issueServerCertificate([...loopbackHosts, domain]);
    const ews = await startEwsSimulator({tls});
    try {
      matrix.proxy.route(`${domain}:443`, ews.port);
      const tunnels = matrix.proxy.tunnels.length;
      const cli = await site.cli({
        exchange: {
          ewsUrl: '',
          authScheme: 'basic',
          user: demoFixture.exchange.user,
          accessMode: 'delegate',
          mailbox: alice,
        },
        password: demoFixture.exchange.password,
        clientSecret: '',
        proxyUrl: matrix.proxy.url,
        caFile: matrix.caFile,
      });

      assert.equal(cli.code, 0, cli.stdout + cli.stderr);
      assert.ok(
        cli.stdout.includes(
          `[+] 4 ${stepTitle}: Exchange 15.2 (build 1544.4), EWS URL from Autodiscover: ` +
            `${ews.ewsUrl}, mailbox root readable (delegate access to ${alice}) (`,
        ),
        cli.stdout,
      );
      assert.deepEqual(matrix.proxy.tunnels.slice(tunnels).includes(`${domain}:443`), true);
      assert.deepEqual(
        ews.requests.map((request) => request.path),
        ['/autodiscover/autodiscover.xml', '/EWS/Exchange.asmx'],
      );

      const status = await runCli(['status', '--json', '--state-dir', cli.stateDir], {
        env: noKeychain,
      });
      assert.equal(status.code, 0, status.stderr);
      const saved = JSON.parse(status.stdout) as {exchange: {ewsUrl: string; mailbox: string}};
      assert.equal(saved.exchange.ewsUrl, ews.ewsUrl);
      assert.equal(saved.exchange.mailbox, alice);
      assertNothingSecret([cli.stdout, cli.stderr, status.stdout]);
    } finally {
      await ews.close();
    }
  });

  it('points at the mailbox address when Autodiscover does not know it', async () => {
    const {ca} = await processCertificateAuthority();
    const domain = demoFixture.domain;
    const tls = await ca.issueServerCertificate([...loopbackHosts, domain]);
    const ews = await startEwsSimulator({tls});
    const unknown = `zed@${domain}`;
    try {
      matrix.proxy.route(`${domain}:443`, ews.port);
      const cli = await site.cli({
        exchange: {
          ewsUrl: '',
          authScheme: 'basic',
          user: demoFixture.exchange.user,
          accessMode: 'delegate',
          mailbox: unknown,
        },
        password: demoFixture.exchange.password,
        clientSecret: '',
        proxyUrl: matrix.proxy.url,
        caFile: matrix.caFile,
      });

      assert.equal(cli.code, exitCodes['not-found'], cli.stdout + cli.stderr);
      const failed = cli.stdout.split('\n').findIndex((line) => line.startsWith('[x] 4 '));
      assert.ok(failed >= 0, cli.stdout);
      const [line = '', fix = ''] = cli.stdout.split('\n').slice(failed);
      assert.ok(line.includes(`Autodiscover found no EWS URL for ${unknown}. Tried: `), line);
      assert.ok(line.includes("Autodiscover error 500 (The email address can't be found.)"), line);
      assert.ok(
        fix.startsWith(`    Fix: Check the mailbox address ${unknown}: its spelling, and that`),
        fix,
      );
      assertNothingSecret([cli.stdout, cli.stderr]);
    } finally {
      await ews.close();
    }
  });
});
