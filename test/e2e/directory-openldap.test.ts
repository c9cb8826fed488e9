import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import {validateDirectory, type DirectoryValidation} from '../../src/bind/directory.js';
import {BindError, exitCodes, type ErrorClass} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {
  resultScreenShown,
  startBindWithDirectory,
  type BindWithDirectory,
  type DirectoryUnderTest,
} from '../helpers/bind-with-directory.js';
import {ENTER, ESC, pollUntil} from '../helpers/ink-harness.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../helpers/slapd.js';
import {startTcpRelay, type TcpRelay} from '../helpers/tcp-relay.js';

/**
 * Step 3 against a real OpenLDAP slapd, through the whole program: the transports (plain,
 * StartTLS, LDAPS), the certificate, limit and referral faults, a directory type the server
 * contradicts, and what a refused, reset or silent connection, or a cancel, does. Each
 * failure's message is the one validateDirectory gives for the same server answer, shown by
 * `mse-bind bind --non-interactive` and by the wizard's result screen.
 */

const neverAborted = new AbortController().signal;
const stepTitle = 'Validate directory access';

let slapd: Slapd;
let site: BindWithDirectory;

function directory(overrides: Partial<DirectorySettings> = {}): DirectorySettings {
  return {
    type: 'ldap',
    host: '127.0.0.1',
    port: slapd.port,
    tlsMode: 'none',
    baseDn: '',
    bindName: slapd.svcDn,
    ...overrides,
  };
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

async function failure(
  run: Promise<DirectoryValidation>,
  errorClass: ErrorClass,
): Promise<BindError> {
  const error = await run.then(
    () => assert.fail(`expected a ${errorClass} failure`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, String(error));
  assert.equal(error.errorClass, errorClass, `${error.message} / ${error.fix}`);
  return error;
}

const screenColumns = 80;

/**
 * The step-3 panel under the result: "- failed", then the message and the fix, each on one line
 * cut at the screen's edge, where ASCII mode marks the cut with "...". What is shown must be the
 * start of the text, and all of it when it fits. Without `fix`, the message line alone.
 */
function assertFailedPanel(frame: string, message: string, fix?: string): void {
  const lines = frame.split('\n');
  const at = lines.indexOf(`[x] 3. ${stepTitle} - failed`);
  assert.ok(at >= 0, frame);
  assertLineShows(lines[at + 1] ?? '', '    ', message);
  if (fix !== undefined) assertLineShows(lines[at + 2] ?? '', '    Fix: ', fix);
}

function assertLineShows(line: string, lead: string, text: string): void {
  assert.ok(line.startsWith(lead), `${JSON.stringify(line)} does not start with ${lead}`);
  const whole = lead + text;
  if (whole.length <= screenColumns) {
    assert.equal(line, whole);
    return;
  }
  assert.equal(line.length, screenColumns, `${JSON.stringify(line)} is not cut at the edge`);
  assert.ok(line.endsWith('...'), `${JSON.stringify(line)} has no cut mark`);
  const visible = line.slice(0, -'...'.length);
  assert.ok(whole.startsWith(visible), `${JSON.stringify(visible)} is not the start of ${text}`);
}

async function expectWholeProgramFailure(under: DirectoryUnderTest, expected: BindError) {
  const [cli, wizard] = await Promise.all([site.cli(under), site.wizard(under)]);
  assert.equal(cli.code, exitCodes[expected.errorClass], cli.stdout + cli.stderr);
  assert.ok(
    cli.stdout.includes(`[x] 3 ${stepTitle}: ${expected.message}\n    Fix: ${expected.fix}\n`),
    cli.stdout,
  );
  const screen = flat(wizard.frame);
  assert.ok(screen.includes(`Cause: ${expected.message}`), wizard.frame);
  assert.ok(screen.includes(`Fix: ${expected.fix}`), wizard.frame);
  assertFailedPanel(wizard.frame, expected.message, expected.fix);
  assert.match(wizard.frame, /^[\x20-\x7e\n]*$/, 'the screen is ASCII only');
  for (const text of [cli.stdout, cli.stderr, ...wizard.frames]) {
    for (const secret of [under.password, ...site.siteSecrets]) {
      assert.ok(!text.includes(secret), 'a secret reached the output');
    }
  }
}

describe('directory validation against OpenLDAP, whole program', {skip: skipWithoutSlapd()}, () => {
  before(async () => {
    const [server, whole] = await Promise.allSettled([startSlapd(), startBindWithDirectory()]);
    if (whole.status === 'fulfilled') site = whole.value;
    if (server.status === 'fulfilled') slapd = server.value;
    if (server.status === 'rejected') throw server.reason;
    if (whole.status === 'rejected') throw whole.reason;
  });
  after(async () => {
    await site?.close();
    await slapd?.stop();
  });

  it('passes over StartTLS and over LDAPS by name, the fact on the step-3 line', async () => {
    const fact = `3 mail-enabled users - base ${slapd.baseDn} - OpenLDAP`;
    for (const settings of [
      directory({tlsMode: 'starttls'}),
      directory({tlsMode: 'ldaps', host: 'localhost', port: slapd.ldapsPort}),
    ]) {
      const under = {settings, password: slapd.svcPassword, caFiles: [slapd.caFile]};
      const [cli, wizard] = await Promise.all([site.cli(under), site.wizard(under)]);
      assert.equal(cli.code, 0, cli.stdout + cli.stderr);
      assert.ok(cli.stdout.includes(`[+] 3 ${stepTitle}: ${fact} (`), cli.stdout);
      assert.match(wizard.frame, /ALL SETTINGS ARE VALID/);
      // The result of a bind that passed shows each fact whole, under its step.
      const panel = /\[\+\] 3\. Validate directory access \(\d+ ms\)\n {4}([^[]*)/.exec(
        wizard.frame,
      );
      assert.equal(panel?.[1]?.replace(/\s+/g, ' ').trim(), fact, wizard.frame);
    }
  });

  it('names a self-signed chain and the CA file that lacks its CA', async () => {
    const settings = directory({tlsMode: 'ldaps', host: 'localhost', port: slapd.ldapsPort});
    // The site's CA file is the simulators', which does not hold slapd's CA.
    const caFile = site.simulators.summary.caFile;
    const error = await failure(
      validateDirectory(settings, slapd.svcPassword, {signal: neverAborted, caFile}),
      'tls',
    );
    assert.equal(
      error.message,
      "The directory server's certificate is issued by a self-signed CA that this computer " +
        'does not trust (SELF_SIGNED_CERT_IN_CHAIN).',
    );
    assert.ok(error.fix.includes(`The CA file ${caFile} does not hold the CA`), error.fix);
    await expectWholeProgramFailure({settings, password: slapd.svcPassword}, error);
  });

  it('reports a wrong password, a referral, a size limit and a blind account', async () => {
    const cases: {under: DirectoryUnderTest; errorClass: ErrorClass; text: RegExp}[] = [
      {
        under: {settings: directory(), password: 'Wrong-Password-1'},
        errorClass: 'credentials',
        text: /rejected the service account cn=svc-mse.* or its password/,
      },
      {
        under: {settings: directory({baseDn: 'dc=other,dc=example'}), password: slapd.svcPassword},
        errorClass: 'not-found',
        text: /dc=other,dc=example is not held by this directory server.*\(result 10, referral\)/,
      },
      {
        under: {settings: directory({bindName: slapd.limitedDn}), password: slapd.userPassword},
        errorClass: 'permission',
        text: /at its size limit \(result 4, sizeLimitExceeded\)/,
      },
      {
        under: {settings: directory({bindName: slapd.blindDn}), password: slapd.userPassword},
        errorClass: 'permission',
        text: /finds no mail-enabled users .* Either the base DN holds none, or the account may not/,
      },
    ];
    for (const {under, errorClass, text} of cases) {
      const error = await failure(
        validateDirectory(under.settings, under.password, {signal: neverAborted}),
        errorClass,
      );
      assert.match(error.message, text);
      await expectWholeProgramFailure(under, error);
    }
  });

  it('refuses Active Directory and Domino chosen for OpenLDAP, naming its type', async () => {
    const saysOpenLdap = `127.0.0.1:${slapd.port} says it is OpenLDAP, but the directory type`;
    const cases = [
      {
        under: {settings: directory({type: 'active-directory'}), password: slapd.svcPassword},
        message: `${saysOpenLdap} chosen is Active Directory.`,
        fix:
          "Choose LDAP (OpenLDAP) as the directory type. If the site's directory is Active " +
          'Directory, correct the directory server instead.',
      },
      {
        // A UPN passes Active Directory's name check; OpenLDAP would refuse it as no DN.
        under: {
          settings: directory({type: 'active-directory', bindName: 'svc-mse@contoso.example'}),
          password: slapd.svcPassword,
        },
        message: `${saysOpenLdap} chosen is Active Directory.`,
        fix:
          'Choose LDAP (OpenLDAP) as the directory type and enter the service account as its ' +
          "full DN (cn=...,ou=...,dc=...). If the site's directory is Active Directory, correct " +
          'the directory server instead.',
      },
      {
        under: {settings: directory({type: 'domino'}), password: slapd.svcPassword},
        message: `${saysOpenLdap} chosen is HCL Domino LDAP.`,
        fix:
          "Choose LDAP (OpenLDAP) as the directory type. If the site's directory is HCL " +
          'Domino LDAP, correct the directory server instead.',
      },
    ];
    for (const {under, message, fix} of cases) {
      const error = await failure(
        validateDirectory(under.settings, under.password, {signal: neverAborted}),
        'input',
      );
      assert.equal(error.message, message);
      assert.equal(error.fix, fix);
      assert.equal(error.setting, 'directoryType');
      assert.equal(exitCodes[error.errorClass], 2);
      await expectWholeProgramFailure(under, error);
    }
  });

  it("sends the wizard's fix key to the directory type", async () => {
    const under = {settings: directory({type: 'active-directory'}), password: slapd.svcPassword};
    const harness = await site.openWizard(under);
    try {
      await harness.type(ENTER);
      await harness.waitForFrame(resultScreenShown, {timeoutMs: 30_000});
      await harness.type('f');
      const frame = await harness.waitForText('Site settings');
      assert.match(frame, /^>! Directory type +< Active Directory >/m, frame);
    } finally {
      harness.unmount();
    }
  });

  describe('connections that fail', () => {
    let relay: TcpRelay;
    before(async () => {
      relay = await startTcpRelay({host: '127.0.0.1', port: slapd.port});
    });
    after(async () => {
      await relay?.close();
    });

    it('reports a refused and a reset connection, each in its own words', async () => {
      const refusedPort = await startTcpRelay({host: '127.0.0.1', port: 1}).then(async (gone) => {
        await gone.close();
        return gone.port;
      });
      const refused = {settings: directory({port: refusedPort}), password: slapd.svcPassword};
      const refusedError = await failure(
        validateDirectory(refused.settings, refused.password, {signal: neverAborted}),
        'network',
      );
      assert.match(
        refusedError.message,
        /Nothing accepts connections at .* \(connection refused\)/,
      );
      await expectWholeProgramFailure(refused, refusedError);

      relay.setMode('reset');
      const reset = {settings: directory({port: relay.port}), password: slapd.svcPassword};
      const resetError = await failure(
        validateDirectory(reset.settings, reset.password, {signal: neverAborted}),
        'network',
      );
      assert.match(
        resetError.message,
        /reset the connection while reading the rootDSE \(ECONNRESET\)/,
      );
      await expectWholeProgramFailure(reset, resetError);
      assert.notEqual(refusedError.fix, resetError.fix);
    });

    it('gives up on a silent server after the request limit (10 s)', async () => {
      relay.setMode('hold');
      const held = {settings: directory({port: relay.port}), password: slapd.svcPassword};
      const started = performance.now();
      const [cli, wizard] = await Promise.all([site.cli(held), site.wizard(held)]);
      const elapsed = performance.now() - started;
      const message =
        `127.0.0.1:${relay.port} accepted the connection but did not answer within 10 s ` +
        'while reading the rootDSE.';
      assert.equal(cli.code, exitCodes.network, cli.stdout + cli.stderr);
      assert.ok(cli.stdout.includes(`[x] 3 ${stepTitle}: ${message}\n`), cli.stdout);
      assert.ok(flat(wizard.frame).includes(`Cause: ${message}`), wizard.frame);
      assertFailedPanel(wizard.frame, message);
      assert.ok(elapsed > 9_500 && elapsed < 14_000, `${elapsed} ms`);
      await relay.allClosed();
    });

    it('leaves no connection open after Esc in the wizard or Ctrl+C in the CLI', async () => {
      relay.setMode('hold');
      const held = {settings: directory({port: relay.port}), password: slapd.svcPassword};
      const before = relay.connections();

      const harness = await site.openWizard(held);
      try {
        await harness.type('\r');
        await pollUntil(
          () => (relay.open() > 0 ? true : undefined),
          () => 'the wizard to connect',
        );
        await harness.type(ESC);
        await harness.waitForText('Administrator email');
        await relay.allClosed();
      } finally {
        harness.unmount();
      }

      const cli = await site.cli(held, {
        onSpawn: (child) => {
          void pollUntil(
            () => (relay.connections() > before + 1 ? true : undefined),
            () => 'the CLI to connect',
            10_000,
          ).then(() => child.kill('SIGINT'));
        },
      });
      assert.equal(cli.code, exitCodes.cancelled, cli.stdout + cli.stderr);
      await relay.allClosed();
      assert.equal(relay.open(), 0);
    });
  });
});
