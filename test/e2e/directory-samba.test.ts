import assert from 'node:assert/strict';
import {randomBytes} from 'node:crypto';
import {after, before, describe, it} from 'node:test';

import {validateDirectory, type DirectoryValidation} from '../../src/bind/directory.js';
import {BindError, exitCodes, type ErrorClass} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {assertNoSecret} from '../helpers/assert-no-secret.js';
import {
  resultScreenShown,
  startBindWithDirectory,
  type BindWithDirectory,
  type DirectoryUnderTest,
} from '../helpers/bind-with-directory.js';
import {adUsers, skipWithoutSamba, startSambaDc, type SambaDc} from '../helpers/samba-dc.js';
import {startTcpRelay, type TcpRelay} from '../helpers/tcp-relay.js';

/**
 * Step 3 against a real Active Directory: a Samba AD DC provisioned for this file, with one user
 * per account state. Every state and transport fault is checked three ways with the same
 * server answer: validateDirectory itself, `mse-bind bind --non-interactive` (the built
 * program) and the wizard's result screen. Samba's ports are fixed, so every Samba case is in
 * this one file, and frank's lockout runs last.
 */

const neverAborted = new AbortController().signal;
const stepTitle = 'Validate directory access';

let dc: SambaDc;
let site: BindWithDirectory;

function ldaps(bindName: string, overrides: Partial<DirectorySettings> = {}): DirectorySettings {
  return {
    type: 'active-directory',
    host: dc.host,
    port: dc.ldapsPort,
    tlsMode: 'ldaps',
    baseDn: '',
    bindName,
    ...overrides,
  };
}

function upn(user: string): string {
  return `${user}@corp.example`;
}

/** One line of text as the terminal wraps it: every run of blanks becomes one space. */
function flat(text: string): string {
  return text.replace(/\s+/g, ' ');
}

async function expectFailure(
  run: Promise<DirectoryValidation>,
  errorClass: ErrorClass,
  secrets: readonly string[],
): Promise<BindError> {
  const error = await run.then(
    () => assert.fail(`expected a ${errorClass} failure`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, String(error));
  assert.equal(error.errorClass, errorClass, `${error.message} / ${error.fix}`);
  assertNoSecret(error, secrets);
  return error;
}

/**
 * The same failure through the whole program: the non-interactive line for step 3 with its fix
 * and exit code, and the wizard's result screen (cause, fix, the step-3 panel), ASCII only and
 * with no secret anywhere.
 */
async function expectWholeProgramFailure(directory: DirectoryUnderTest, expected: BindError) {
  const [cli, wizard] = await Promise.all([site.cli(directory), site.wizard(directory)]);
  const secrets = [directory.password, ...site.siteSecrets];

  assert.equal(cli.code, exitCodes[expected.errorClass], cli.stdout + cli.stderr);
  assert.ok(
    cli.stdout.includes(`[x] 3 ${stepTitle}: ${expected.message}\n    Fix: ${expected.fix}\n`),
    cli.stdout,
  );
  assert.match(cli.stderr, new RegExp(`step 3 failed \\(${expected.errorClass}\\)`));

  const screen = flat(wizard.frame);
  assert.ok(screen.includes(`[x] Step 3 failed: ${stepTitle}`), wizard.frame);
  assert.ok(screen.includes(`Cause: ${expected.message}`), wizard.frame);
  assert.ok(screen.includes(`Fix: ${expected.fix}`), wizard.frame);
  assert.match(wizard.frame, /\[x\] 3\. Validate directory access - failed\n {4}\S/);
  assert.match(wizard.frame, /^[\x20-\x7e\n]*$/, 'the screen is ASCII only');

  for (const text of [cli.stdout, cli.stderr, ...wizard.frames]) {
    for (const secret of secrets) assert.ok(!text.includes(secret), 'a secret reached the output');
  }
}

describe('directory validation against a Samba AD DC', {skip: skipWithoutSamba()}, () => {
  before(async () => {
    const [samba, whole] = await Promise.allSettled([startSambaDc(), startBindWithDirectory()]);
    if (whole.status === 'fulfilled') site = whole.value;
    if (samba.status === 'fulfilled') dc = samba.value;
    if (samba.status === 'rejected') throw samba.reason;
    if (whole.status === 'rejected') throw whole.reason;
  });
  after(async () => {
    await site?.close();
    await dc?.stop();
  });

  describe('a service account that may read the directory', () => {
    it('passes over LDAPS by UPN: server, level, base and a paged count', async () => {
      const result = await validateDirectory(ldaps(dc.serviceUpn), dc.servicePassword, {
        signal: neverAborted,
        caFile: dc.caFile,
      });
      assert.deepEqual(result, {
        fact:
          `${dc.mailUsers} mail-enabled users - base DC=corp,DC=example - ` +
          'Active Directory (Samba) DC functional level 2008 R2',
        baseDn: 'DC=corp,DC=example',
        serverType: 'Active Directory (Samba)',
        serverVersion: 'DC functional level 2008 R2',
        mailUsers: dc.mailUsers,
        paged: true,
      });
      assert.match(result.fact, /^[\x20-\x7e]+$/);
    });

    it('binds by DN and by DOMAIN\\user too, over StartTLS as well', async () => {
      const names = [`CN=svc-mse,CN=Users,${dc.baseDn}`, `${dc.domain}\\svc-mse`];
      for (const bindName of names) {
        for (const tls of [{}, {tlsMode: 'starttls', port: dc.ldapPort}] as const) {
          const result = await validateDirectory(ldaps(bindName, tls), dc.servicePassword, {
            signal: neverAborted,
            caFile: dc.caFile,
          });
          assert.equal(result.mailUsers, dc.mailUsers, `${bindName} ${JSON.stringify(tls)}`);
        }
      }
    });

    it('passes through the whole program, the fact on the step-3 line', async () => {
      const directory = {
        settings: ldaps(dc.serviceUpn),
        password: dc.servicePassword,
        caFiles: [dc.caFile],
      };
      const [cli, wizard] = await Promise.all([site.cli(directory), site.wizard(directory)]);
      assert.equal(cli.code, 0, cli.stdout + cli.stderr);
      const fact =
        `${dc.mailUsers} mail-enabled users - base DC=corp,DC=example - ` +
        'Active Directory (Samba) DC functional level 2008 R2';
      assert.ok(cli.stdout.includes(`[+] 3 ${stepTitle}: ${fact} (`), cli.stdout);
      assert.match(wizard.frame, /ALL SETTINGS ARE VALID/);
      // The result of a bind that passed shows each fact whole, under its step.
      const panel = /\[\+\] 3\. Validate directory access \(\d+ ms\)\n {4}([^[]*)/.exec(
        wizard.frame,
      );
      assert.equal(panel?.[1]?.replace(/\s+/g, ' ').trim(), fact, wizard.frame);
      assert.match(wizard.frame, /^[\x20-\x7e\n]*$/, 'the screen is ASCII only');
    });
  });

  describe('an empty password', () => {
    let relay: TcpRelay;
    before(async () => {
      relay = await startTcpRelay({host: dc.address, port: dc.ldapsPort});
    });
    after(async () => {
      await relay?.close();
    });

    it('never reaches the server, in validateDirectory, the CLI or the wizard', async () => {
      // Through the relay by the name the certificate lists.
      const settings = ldaps(dc.serviceUpn, {host: 'localhost', port: relay.port});
      const error = await expectFailure(
        validateDirectory(settings, '', {signal: neverAborted, caFile: dc.caFile}),
        'input',
        [dc.servicePassword],
      );
      assert.match(error.message, /No password was given .* anonymous bind/);

      const directory = {settings, password: '', caFiles: [dc.caFile]};
      const [cli, wizard] = await Promise.all([
        site.cli(directory),
        site.wizard(directory, (frame) => frame.includes('Directory password is required.')),
      ]);
      assert.equal(cli.code, exitCodes.input, cli.stdout + cli.stderr);
      assert.match(cli.stderr, /Directory password/);
      assert.match(wizard.frame, /Directory password is required\./);
      assert.equal(relay.connections(), 0, 'no connection reached the directory');

      // The same path with the password does reach it: the relay is not what kept it away.
      const passed = await validateDirectory(settings, dc.servicePassword, {
        signal: neverAborted,
        caFile: dc.caFile,
      });
      assert.equal(passed.mailUsers, dc.mailUsers);
      assert.equal(relay.connections(), 1);
    });

    it('refuses a bare account name before connecting', async () => {
      const connectionsSoFar = relay.connections();
      const settings = ldaps('svc-mse', {host: 'localhost', port: relay.port});
      const error = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted, caFile: dc.caFile}),
        'input',
        [dc.servicePassword],
      );
      assert.match(error.message, /not a name Active Directory takes/);
      assert.match(error.fix, /user@domain .*DOMAIN\\user/);
      assert.equal(relay.connections(), connectionsSoFar);
    });
  });

  // Each account state: the right password, so AD tells the state (a wrong one gives 52e).
  const states = [
    {user: adUsers.mustChangePassword, data: '773', text: /must change password at next logon/},
    {user: adUsers.disabled, data: '533', text: /The account .* is disabled/},
    {user: adUsers.accountExpired, data: '701', text: /The account .* has expired/},
    {user: adUsers.passwordExpired, data: '532', text: /The password of .* has expired/},
    {user: adUsers.logonHours, data: '530', text: /may not log on at this time of day/},
    {user: adUsers.workstation, data: '531', text: /may not log on from this computer/},
  ] as const;

  describe('account states', () => {
    for (const state of states) {
      it(`reports data ${state.data} (${state.user}) with its own cause and fix`, async () => {
        const settings = ldaps(upn(state.user));
        const options = {signal: neverAborted, caFile: dc.caFile};
        const error = await expectFailure(
          validateDirectory(settings, dc.userPassword, options),
          'account-state',
          [dc.userPassword],
        );
        assert.match(error.message, state.text);
        assert.ok(error.message.includes(`${upn(state.user)}`), error.message);
        assert.ok(error.message.includes(`(data ${state.data}`), error.message);
        assert.match(error.fix, /re-bind/);
        assert.equal(await dc.badPasswordCount(state.user), 0, 'the right password is no bad try');

        await expectWholeProgramFailure(
          {settings, password: dc.userPassword, caFiles: [dc.caFile]},
          error,
        );
      });
    }

    it('gives each state a message of its own', async () => {
      const messages = new Set<string>();
      for (const state of states) {
        const error = await validateDirectory(ldaps(upn(state.user)), dc.userPassword, {
          signal: neverAborted,
          caFile: dc.caFile,
        }).catch((caught: unknown) => caught as BindError);
        assert.ok(error instanceof BindError);
        messages.add(error.message.replace(upn(state.user), 'USER').replace(/data \w+/, ''));
      }
      assert.equal(messages.size, states.length);
    });

    it('reports a wrong password as 52e, binding exactly once per validation', async () => {
      const wrong = `Wrong-${randomBytes(6).toString('hex')}`;
      const user = adUsers.wrongPassword;
      const settings = ldaps(upn(user));
      const error = await expectFailure(
        validateDirectory(settings, wrong, {signal: neverAborted, caFile: dc.caFile}),
        'credentials',
        [wrong],
      );
      assert.match(
        error.message,
        /rejected the name or password of bob@corp\.example \(data 52e\)/,
      );
      assert.match(error.fix, /repeated runs with a wrong password count toward .* lockout/);
      assert.equal(error.setting, 'directoryPassword');
      assert.equal(await dc.badPasswordCount(user), 1, 'one validation, one bind');

      await expectWholeProgramFailure({settings, password: wrong, caFiles: [dc.caFile]}, error);
      assert.equal(await dc.badPasswordCount(user), 3, 'one bind each for the CLI and the wizard');
    });
  });

  describe('transport and search faults', () => {
    it('reports a plain LDAP bind refused for want of encryption (result 8)', async () => {
      const settings = ldaps(dc.serviceUpn, {tlsMode: 'none', port: dc.ldapPort});
      const error = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted}),
        'auth-scheme',
        [dc.servicePassword],
      );
      assert.match(error.message, /refuses a password bind over an unencrypted connection/);
      assert.match(error.message, /result 8, strongAuthRequired/);
      assert.match(error.fix, /Choose LDAPS \(port 636\) or StartTLS/);
      assert.equal(error.setting, 'tlsMode');
      await expectWholeProgramFailure({settings, password: dc.servicePassword}, error);
    });

    it('names a host-name mismatch and the names the certificate lists', async () => {
      const settings = ldaps(dc.serviceUpn, {host: dc.address});
      const error = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted, caFile: dc.caFile}),
        'tls',
        [dc.servicePassword],
      );
      assert.equal(
        error.message,
        "The directory server's certificate does not name 127.0.0.1: it names " +
          'dc1.corp.example, localhost (ERR_TLS_CERT_ALTNAME_INVALID).',
      );
      assert.match(error.fix, /Enter the directory server as dc1\.corp\.example or localhost/);
      assert.equal(error.setting, 'directoryHost');
      const directory = {settings, password: dc.servicePassword, caFiles: [dc.caFile]};
      await expectWholeProgramFailure(directory, error);
    });

    it('names an untrusted issuer and points at the CA file setting', async () => {
      const settings = ldaps(dc.serviceUpn);
      const withoutFile = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted}),
        'tls',
        [dc.servicePassword],
      );
      assert.match(withoutFile.message, /certificate .*(self-signed|cannot be verified)/);
      assert.match(withoutFile.fix, /Set the CA file setting to the PEM file of the CA/);
      assert.equal(withoutFile.setting, 'caFile');

      // The whole program has a CA file set (the simulators'), which lacks the DC's CA.
      const otherCa = site.simulators.summary.caFile;
      const error = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted, caFile: otherCa}),
        'tls',
        [dc.servicePassword],
      );
      assert.equal(error.message, withoutFile.message);
      assert.ok(error.fix.includes(`The CA file ${otherCa} does not hold the CA`), error.fix);
      await expectWholeProgramFailure({settings, password: dc.servicePassword}, error);
    });

    it('reports LDAPS against the plain port as a TLS handshake cut short', async () => {
      const settings = ldaps(dc.serviceUpn, {port: dc.ldapPort});
      const error = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted, caFile: dc.caFile}),
        'tls',
        [dc.servicePassword],
      );
      assert.match(
        error.message,
        /:389 (closed the connection during the TLS handshake|answered the TLS handshake in plain text) \(\w+\): port 389 is the plain LDAP port/,
      );
      assert.equal(error.fix, 'Choose StartTLS on port 389, or LDAPS on port 636.');
      assert.equal(error.setting, 'tlsMode');
      const directory = {settings, password: dc.servicePassword, caFiles: [dc.caFile]};
      await expectWholeProgramFailure(directory, error);
    });

    it('reports a base DN the DC does not hold as not-found', async () => {
      const settings = ldaps(dc.serviceUpn, {baseDn: 'DC=other,DC=example'});
      const error = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted, caFile: dc.caFile}),
        'not-found',
        [dc.servicePassword],
      );
      assert.match(error.message, /The base DN DC=other,DC=example does not exist/);
      assert.equal(error.setting, 'baseDn');
      const directory = {settings, password: dc.servicePassword, caFiles: [dc.caFile]};
      await expectWholeProgramFailure(directory, error);
    });
  });

  describe('a directory type the DC contradicts', () => {
    const saysAd = () => `localhost:${dc.ldapsPort} says it is Active Directory (Samba), but`;

    it('refuses generic LDAP, even with a DN that would bind', async () => {
      const settings = ldaps(`CN=svc-mse,CN=Users,${dc.baseDn}`, {type: 'ldap'});
      const error = await expectFailure(
        validateDirectory(settings, dc.servicePassword, {signal: neverAborted, caFile: dc.caFile}),
        'input',
        [dc.servicePassword],
      );
      assert.equal(error.message, `${saysAd()} the directory type chosen is LDAP (OpenLDAP).`);
      assert.equal(
        error.fix,
        "Choose Active Directory as the directory type. If the site's directory is LDAP " +
          '(OpenLDAP), correct the directory server instead.',
      );
      assert.equal(error.setting, 'directoryType');
      const directory = {settings, password: dc.servicePassword, caFiles: [dc.caFile]};
      await expectWholeProgramFailure(directory, error);
    });

    it('refuses Domino, asking for a name AD takes only when the one given is not', async () => {
      for (const bindName of [dc.serviceUpn, 'svc-mse']) {
        const settings = ldaps(bindName, {type: 'domino'});
        const error = await expectFailure(
          validateDirectory(settings, dc.servicePassword, {
            signal: neverAborted,
            caFile: dc.caFile,
          }),
          'input',
          [dc.servicePassword],
        );
        assert.equal(error.message, `${saysAd()} the directory type chosen is HCL Domino LDAP.`);
        const nameAdvice =
          bindName === 'svc-mse'
            ? ' and enter the service account as user@domain, DOMAIN\\user or its DN'
            : '';
        assert.equal(
          error.fix,
          `Choose Active Directory as the directory type${nameAdvice}. If the site's directory ` +
            'is HCL Domino LDAP, correct the directory server instead.',
        );
      }
    });
  });

  // Last: locking frank out is permanent for this DC (a 30-minute lockout).
  describe('lockout', () => {
    it('reports data 775 once three wrong passwords locked the account', async () => {
      const user = adUsers.lockedAfterThree;
      const settings = ldaps(upn(user));
      const wrong = `Wrong-${randomBytes(6).toString('hex')}`;
      const wrongly = {settings, password: wrong, caFiles: [dc.caFile]};

      const cli = await site.cli(wrongly);
      assert.equal(cli.code, exitCodes.credentials);
      assert.match(cli.stdout, /\(data 52e\)/);
      const wizard = await site.wizard(wrongly, resultScreenShown);
      assert.match(flat(wizard.frame), /\(data 52e\)/);
      await expectFailure(
        validateDirectory(settings, wrong, {signal: neverAborted, caFile: dc.caFile}),
        'credentials',
        [wrong],
      );
      assert.equal(await dc.badPasswordCount(user), 3, 'three validations, three binds');

      const error = await expectFailure(
        validateDirectory(settings, dc.userPassword, {signal: neverAborted, caFile: dc.caFile}),
        'account-state',
        [dc.userPassword],
      );
      assert.equal(error.message, 'The account frank@corp.example is locked out (data 775).');
      assert.match(error.fix, /Unlock the service account/);
      await expectWholeProgramFailure(
        {settings, password: dc.userPassword, caFiles: [dc.caFile]},
        error,
      );
    });
  });
});
