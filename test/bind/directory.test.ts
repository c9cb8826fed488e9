import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';
import {inspect} from 'node:util';

import {validateDirectory} from '../../src/bind/directory.js';
import {classifyDirectoryError} from '../../src/bind/directory/classify-error.js';
import {defaultTimeLimits} from '../../src/bind/directory/time-limits.js';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';
import type {DirectorySettings} from '../../src/bind/settings.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {startLdapSimulator, type LdapSimulator} from '../../src/simulators/ldap/server.js';
import {startSilentServer} from '../helpers/silent-server.js';
import {startTcpRelay} from '../helpers/tcp-relay.js';
import {skipWithoutSlapd, startSlapd, type Slapd} from '../helpers/slapd.js';

const neverAborted = new AbortController().signal;

/** Runs the check, expects a BindError of `errorClass`, and proves `password` is nowhere in it. */
async function expectFailure(
  run: Promise<unknown>,
  errorClass: ErrorClass,
  password: string,
): Promise<BindError> {
  const error = await run.then(
    () => assert.fail(`expected a ${errorClass} failure`),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, `not a BindError: ${inspect(error)}`);
  assert.equal(error.errorClass, errorClass, `${error.message} / ${error.fix}`);
  assert.ok(error.fix.length > 0);
  const everything = `${error.message}\n${error.fix}\n${inspect(error, {depth: 8})}`;
  assert.ok(!everything.includes(password), 'the password leaked into the error');
  return error;
}

function loopbackSettings(port: number, overrides: Partial<DirectorySettings> = {}) {
  return {
    type: 'ldap',
    host: '127.0.0.1',
    port,
    tlsMode: 'none',
    baseDn: '',
    bindName: 'cn=svc-mse,ou=services,dc=contoso,dc=example',
    ...overrides,
  } satisfies DirectorySettings;
}

describe('validateDirectory before any connection', () => {
  it('refuses an empty password without opening a connection', async () => {
    const server = await startSilentServer();
    try {
      const error = await expectFailure(
        validateDirectory(loopbackSettings(server.port), '', {signal: neverAborted}),
        'input',
        'Demo-Directory-2026!',
      );
      assert.match(error.message, /no password/i);
      assert.match(error.message, /anonymous/);
      assert.equal(error.setting, 'directoryPassword');
      assert.equal(server.connections(), 0);
    } finally {
      await server.close();
    }
  });

  it('refuses an empty host, a bad port and an empty service account', async () => {
    const cases: Partial<DirectorySettings>[] = [
      {host: ' '},
      {port: 0},
      {port: 70000},
      {bindName: ''},
    ];
    for (const overrides of cases) {
      await expectFailure(
        validateDirectory(loopbackSettings(389, overrides), 'secret-pw', {signal: neverAborted}),
        'input',
        'secret-pw',
      );
    }
  });

  it('reports an unreadable CA file as an input error', async () => {
    const error = await expectFailure(
      validateDirectory(loopbackSettings(389, {tlsMode: 'ldaps'}), 'secret-pw', {
        signal: neverAborted,
        caFile: '/nonexistent/mse-bind-ca.pem',
      }),
      'input',
      'secret-pw',
    );
    assert.match(error.message, /mse-bind-ca\.pem.*ENOENT/);
  });
});

describe('validateDirectory against a hung server', () => {
  it('cancels on abort and closes its connection', async () => {
    const server = await startSilentServer();
    try {
      const controller = new AbortController();
      const started = performance.now();
      const run = validateDirectory(loopbackSettings(server.port), 'secret-pw', {
        signal: controller.signal,
      });
      setTimeout(() => controller.abort(), 100);
      await expectFailure(run, 'cancelled', 'secret-pw');
      assert.ok(performance.now() - started < 2_000);
      assert.equal(server.connections(), 1);
      await server.allClosed();
    } finally {
      await server.close();
    }
  });

  it('gives up after timeoutMs with a network failure', async () => {
    const server = await startSilentServer();
    try {
      const error = await expectFailure(
        validateDirectory(loopbackSettings(server.port), 'secret-pw', {
          signal: neverAborted,
          timeoutMs: 200,
        }),
        'network',
        'secret-pw',
      );
      assert.match(error.message, /did not answer within 0\.2 s/);
      await server.allClosed();
    } finally {
      await server.close();
    }
  });
});

describe('validateDirectory against the LDAP simulator', () => {
  const {bindName, password, baseDn} = demoFixture.directory;
  const binds: string[] = [];
  let simulator: LdapSimulator;
  let settings: DirectorySettings;
  before(async () => {
    simulator = await startLdapSimulator({onBind: (dn) => binds.push(dn)});
    settings = loopbackSettings(Number(new URL(simulator.url).port), {bindName});
  });
  after(async () => {
    await simulator.close();
  });

  it('passes with the demo credentials, finding the base DN itself', async () => {
    const result = await validateDirectory(settings, password, {signal: neverAborted});
    assert.equal(result.fact, `3 mail-enabled users - base ${baseDn} - mse-bind LDAP simulator 1`);
  });

  it('binds once only, also when the password is wrong', async () => {
    binds.length = 0;
    await expectFailure(
      validateDirectory(settings, 'Wrong-Password-1', {signal: neverAborted}),
      'credentials',
      'Wrong-Password-1',
    );
    assert.deepEqual(binds, [bindName]);
  });

  it('reports an AD sub-code sent over the wire as its account state', async () => {
    simulator.setBindDiagnostic(bindName, '533');
    try {
      const error = await expectFailure(
        validateDirectory(settings, password, {signal: neverAborted}),
        'account-state',
        password,
      );
      assert.match(error.message, /is disabled \(data 533\)/);
    } finally {
      simulator.setBindDiagnostic(bindName, undefined);
    }
  });

  it('reports a name AD does not know (data 525) as credentials, pointing at it', async () => {
    simulator.setBindDiagnostic(bindName, '525');
    try {
      const error = await expectFailure(
        validateDirectory(settings, password, {signal: neverAborted}),
        'credentials',
        password,
      );
      assert.match(error.message, /knows no account named .* \(data 525\)/);
      assert.equal(error.setting, 'bindName');
    } finally {
      simulator.setBindDiagnostic(bindName, undefined);
    }
  });

  it('gives the time limit, admin limit and referral results their own messages', async () => {
    const cases = [
      {
        fault: {kind: 'result', resultCode: 3, afterEntries: 1},
        errorClass: 'server',
        message: /search for mail-enabled users at its time limit \(result 3, timeLimitExceeded\)/,
        fix: /Narrow the base DN .*time limit/,
      },
      {
        fault: {kind: 'result', resultCode: 11},
        errorClass: 'permission',
        message: /refused the search for mail-enabled users as too large \(result 11/,
        fix: /administrative limits/,
      },
      {
        fault: {
          kind: 'result',
          resultCode: 10,
          diagnostic:
            "0000202B: RefErr: DSID-031007F3, data 0, 1 access points\n\tref 1: 'other.example'\n",
        },
        errorClass: 'not-found',
        message: /refers elsewhere \(result 10, referral to other\.example\)/,
        fix: /a base DN this server holds/,
      },
    ] as const;
    const messages = new Set<string>();
    for (const {fault, errorClass, message, fix} of cases) {
      simulator.setSearchFault(fault);
      try {
        const error = await expectFailure(
          validateDirectory(settings, password, {signal: neverAborted}),
          errorClass,
          password,
        );
        assert.match(error.message, message);
        assert.match(error.fix, fix);
        messages.add(error.message);
      } finally {
        simulator.setSearchFault(undefined);
      }
    }
    assert.equal(messages.size, cases.length);
  });

  it('holds the search to its own time limit when the server stops answering', async () => {
    simulator.setSearchFault({kind: 'hang'});
    try {
      const started = performance.now();
      const error = await expectFailure(
        validateDirectory(settings, password, {
          signal: neverAborted,
          timeLimits: {searchMs: 300},
        }),
        'network',
        password,
      );
      assert.match(error.message, /accepted the connection but did not answer within 0\.3 s/);
      assert.match(error.message, /while searching for mail-enabled users\.$/);
      assert.ok(performance.now() - started < 3_000);
    } finally {
      simulator.setSearchFault(undefined);
    }
  });

  it('reports a refused StartTLS as a TLS failure', async () => {
    const error = await expectFailure(
      validateDirectory({...settings, tlsMode: 'starttls'}, password, {signal: neverAborted}),
      'tls',
      password,
    );
    assert.match(error.message, /refused StartTLS/);
  });
});

describe('validateDirectory against a real OpenLDAP slapd', {skip: skipWithoutSlapd()}, () => {
  let slapd: Slapd;
  let settings: DirectorySettings;
  before(async () => {
    slapd = await startSlapd();
    settings = loopbackSettings(slapd.port, {bindName: slapd.svcDn});
  });
  after(async () => {
    await slapd?.stop();
  });

  it('binds, searches and reports what it found', async () => {
    const result = await validateDirectory({...settings, baseDn: slapd.baseDn}, slapd.svcPassword, {
      signal: neverAborted,
    });
    assert.deepEqual(result, {
      fact: `3 mail-enabled users - base ${slapd.baseDn} - OpenLDAP`,
      baseDn: slapd.baseDn,
      serverType: 'OpenLDAP',
      mailUsers: 3,
      paged: true,
    });
  });

  it('takes the base DN from the rootDSE when none is set', async () => {
    const result = await validateDirectory(settings, slapd.svcPassword, {signal: neverAborted});
    assert.equal(result.baseDn, slapd.baseDn);
    assert.equal(result.mailUsers, 3);
  });

  it('classes a wrong password as credentials', async () => {
    const error = await expectFailure(
      validateDirectory(settings, 'Wrong-Password-1', {signal: neverAborted}),
      'credentials',
      'Wrong-Password-1',
    );
    assert.match(error.message, /rejected the service account/);
    assert.ok(error.message.includes(slapd.svcDn));
  });

  it('classes an unknown base DN as not-found', async () => {
    const error = await expectFailure(
      validateDirectory({...settings, baseDn: 'dc=nowhere,dc=example'}, slapd.svcPassword, {
        signal: neverAborted,
      }),
      'not-found',
      slapd.svcPassword,
    );
    assert.match(error.message, /dc=nowhere,dc=example/);
    assert.equal(error.setting, 'baseDn');
  });

  it('classes an account that finds no mail-enabled users as permission', async () => {
    const error = await expectFailure(
      validateDirectory({...settings, bindName: slapd.blindDn}, slapd.userPassword, {
        signal: neverAborted,
      }),
      'permission',
      slapd.userPassword,
    );
    assert.match(error.message, /can bind.*finds no mail-enabled users/s);
    assert.match(error.message, /Either the base DN holds none, or the account may not see them/);
  });

  it('works over StartTLS with the CA file', async () => {
    const result = await validateDirectory({...settings, tlsMode: 'starttls'}, slapd.svcPassword, {
      signal: neverAborted,
      caFile: slapd.caFile,
    });
    assert.equal(result.mailUsers, 3);
  });

  it('works over LDAPS with the CA file, by address and by name', async () => {
    for (const host of ['127.0.0.1', 'localhost']) {
      const ldaps = {...settings, host, tlsMode: 'ldaps', port: slapd.ldapsPort} as const;
      const result = await validateDirectory(ldaps, slapd.svcPassword, {
        signal: neverAborted,
        caFile: slapd.caFile,
      });
      assert.equal(result.fact, `3 mail-enabled users - base ${slapd.baseDn} - OpenLDAP`);
    }
  });

  it('names the certificate problem when LDAPS runs without the CA file', async () => {
    const ldaps = {...settings, tlsMode: 'ldaps', port: slapd.ldapsPort} as const;
    const error = await expectFailure(
      validateDirectory(ldaps, slapd.svcPassword, {signal: neverAborted}),
      'tls',
      slapd.svcPassword,
    );
    assert.match(error.message, /certificate .*(not trust|unknown)/);
    assert.match(error.message, /SELF_SIGNED_CERT_IN_CHAIN|UNABLE_TO_VERIFY_LEAF_SIGNATURE/);
    assert.match(error.fix, /CA file setting/);
    assert.equal(error.setting, 'caFile');
  });

  it('keeps verifying certificates when NODE_TLS_REJECT_UNAUTHORIZED=0 is set', async () => {
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    const warn = process.emitWarning;
    process.emitWarning = () => undefined;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      for (const tls of [
        {tlsMode: 'ldaps', port: slapd.ldapsPort},
        {tlsMode: 'starttls'},
      ] as const) {
        await expectFailure(
          validateDirectory({...settings, ...tls}, slapd.svcPassword, {signal: neverAborted}),
          'tls',
          slapd.svcPassword,
        );
      }
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
      process.emitWarning = warn;
    }
  });

  it('names the certificate problem when StartTLS runs without the CA file', async () => {
    const error = await expectFailure(
      validateDirectory({...settings, tlsMode: 'starttls'}, slapd.svcPassword, {
        signal: neverAborted,
      }),
      'tls',
      slapd.svcPassword,
    );
    assert.match(error.fix, /CA file setting/);
  });

  it('classes LDAPS against the plain port as a TLS failure', async () => {
    const error = await expectFailure(
      validateDirectory({...settings, tlsMode: 'ldaps'}, slapd.svcPassword, {
        signal: neverAborted,
        caFile: slapd.caFile,
      }),
      'tls',
      slapd.svcPassword,
    );
    assert.match(error.message, /before a secure TLS connection/);
    assert.match(error.fix, /LDAPS port/);
  });

  it('says plainly that 389 is the plain LDAP port when LDAPS goes there', async () => {
    // slapd's plain port is not 389 here (that needs root and may be taken), so its real answer
    // to a TLS hello is classified as if it had come from port 389.
    const ldaps = {...settings, tlsMode: 'ldaps'} as const;
    const atPlainPort = await expectFailure(
      validateDirectory(ldaps, slapd.svcPassword, {signal: neverAborted, caFile: slapd.caFile}),
      'tls',
      slapd.svcPassword,
    );
    const error = classifyDirectoryError(atPlainPort.cause, {
      phase: 'connect',
      settings: {...ldaps, port: 389},
      limits: defaultTimeLimits,
      tcpConnected: true,
    });
    assert.equal(
      error.message,
      '127.0.0.1:389 closed the connection during the TLS handshake (ECONNRESET): port 389 is ' +
        'the plain LDAP port, which does not speak TLS until StartTLS asks for it.',
    );
    assert.equal(error.fix, 'Choose StartTLS on port 389, or LDAPS on port 636.');
    assert.equal(error.setting, 'tlsMode');
  });

  it('cancels a check that a frozen server leaves hanging', async () => {
    const controller = new AbortController();
    slapd.pause();
    try {
      const run = validateDirectory(settings, slapd.svcPassword, {signal: controller.signal});
      setTimeout(() => controller.abort(), 100);
      await expectFailure(run, 'cancelled', slapd.svcPassword);
    } finally {
      slapd.resume();
    }
    const result = await validateDirectory(settings, slapd.svcPassword, {signal: neverAborted});
    assert.equal(result.mailUsers, 3, 'slapd still serves after the cancelled session');
  });

  it('refers a base DN outside its suffix elsewhere (result 10)', async () => {
    const error = await expectFailure(
      validateDirectory({...settings, baseDn: 'dc=other,dc=example'}, slapd.svcPassword, {
        signal: neverAborted,
      }),
      'not-found',
      slapd.svcPassword,
    );
    assert.match(error.message, /dc=other,dc=example is not held by this directory server/);
    assert.match(error.message, /\(result 10, referral\)/);
    assert.match(error.fix, /a base DN this server holds/);
  });

  it('reports a size limit that stops the paged count as a permission problem', async () => {
    const error = await expectFailure(
      validateDirectory({...settings, bindName: slapd.limitedDn}, slapd.userPassword, {
        signal: neverAborted,
      }),
      'permission',
      slapd.userPassword,
    );
    assert.match(error.message, /at its size limit \(result 4, sizeLimitExceeded\)/);
    assert.match(error.message, /cannot read every user/);
    assert.match(error.fix, /size=unlimited/);
  });

  it('refuses a bind name that is not a DN before connecting', async () => {
    const relay = await startTcpRelay({host: '127.0.0.1', port: slapd.port});
    try {
      const error = await expectFailure(
        validateDirectory(
          {...settings, port: relay.port, bindName: 'svc-mse@contoso.example'},
          slapd.svcPassword,
          {signal: neverAborted},
        ),
        'input',
        slapd.svcPassword,
      );
      assert.match(
        error.message,
        /is not a DN, and a generic LDAP server \(OpenLDAP\) binds by DN only/,
      );
      assert.equal(error.setting, 'bindName');
      assert.equal(relay.connections(), 0);
    } finally {
      await relay.close();
    }
  });

  it('classes a reset connection as network, saying it was reset', async () => {
    const relay = await startTcpRelay({host: '127.0.0.1', port: slapd.port}, 'reset');
    try {
      const error = await expectFailure(
        validateDirectory({...settings, port: relay.port}, slapd.svcPassword, {
          signal: neverAborted,
        }),
        'network',
        slapd.svcPassword,
      );
      assert.match(error.message, new RegExp(`127\\.0\\.0\\.1:${relay.port} reset the connection`));
      assert.match(error.fix, /firewall or load balancer/);
      await relay.allClosed();
    } finally {
      await relay.close();
    }
  });

  it('classes a refused connection as network', async () => {
    const server = await startSilentServer();
    const freePort = server.port;
    await server.close();
    const error = await expectFailure(
      validateDirectory(loopbackSettings(freePort), slapd.svcPassword, {signal: neverAborted}),
      'network',
      slapd.svcPassword,
    );
    assert.match(error.message, /connection refused/);
  });
});
