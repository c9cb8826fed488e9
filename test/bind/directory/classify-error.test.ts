import assert from 'node:assert/strict';
import {lookup} from 'node:dns/promises';
import {checkServerIdentity, type PeerCertificate} from 'node:tls';
import {describe, it} from 'node:test';

import {
  AdminLimitExceededError,
  BusyError,
  InsufficientAccessError,
  InvalidCredentialsError,
  InvalidDNSyntaxError,
  NoSuchObjectError,
  ProtocolError,
  SizeLimitExceededError,
  StrongAuthRequiredError,
  TimeLimitExceededError,
  UnknownStatusCodeError,
} from 'ldapts';

import {classifyDirectoryError} from '../../../src/bind/directory/classify-error.js';
import type {DirectoryPhase, FailureContext} from '../../../src/bind/directory/failure-context.js';
import {DeadlineError} from '../../../src/bind/directory/guard.js';
import {defaultTimeLimits} from '../../../src/bind/directory/time-limits.js';
import type {DirectorySettings} from '../../../src/bind/settings.js';

const settings: DirectorySettings = {
  type: 'active-directory',
  host: 'dc1.corp.example',
  port: 389,
  tlsMode: 'none',
  baseDn: '',
  bindName: 'svc-mse@corp.example',
};

function context(phase: DirectoryPhase, overrides: Partial<FailureContext> = {}): FailureContext {
  return {phase, settings, baseDn: 'DC=corp,DC=example', limits: defaultTimeLimits, ...overrides};
}

function nodeError(code: string, message: string): Error {
  return Object.assign(new Error(message), {code});
}

describe('classifyDirectoryError: LDAP results', () => {
  it('reads the AD sub-code of a result 49', () => {
    const diagnostic =
      '80090308: LdapErr: DSID-0C09044E, comment: AcceptSecurityContext error, data 775, v4563';
    const error = classifyDirectoryError(new InvalidCredentialsError(diagnostic), context('bind'));
    assert.equal(error.errorClass, 'account-state');
    assert.match(error.message, /locked out/);
  });

  it('sends result 8 to LDAPS or StartTLS when the connection is plain', () => {
    const signing = new StrongAuthRequiredError(
      '00002028: LdapErr: DSID-0C090259, comment: The server requires binds to turn on ' +
        'integrity checking',
    );
    const plain = classifyDirectoryError(signing, context('bind'));
    assert.equal(plain.errorClass, 'auth-scheme');
    assert.match(plain.fix, /LDAPS .*StartTLS/);
    const overTls = classifyDirectoryError(
      signing,
      context('bind', {settings: {...settings, tlsMode: 'ldaps', port: 636}}),
    );
    assert.equal(overTls.errorClass, 'auth-scheme');
    assert.match(overTls.message, /stronger bind/);
  });

  it('classes a missing base DN and a referral as not-found', () => {
    const missing = classifyDirectoryError(
      new NoSuchObjectError('0000208D: NameErr'),
      context('search'),
    );
    assert.equal(missing.errorClass, 'not-found');
    assert.match(missing.message, /base DN DC=corp,DC=example does not exist/);
    const referral = classifyDirectoryError(
      new UnknownStatusCodeError(10, '0000202B: RefErr: DSID-0310082F, data 0, 1 access points'),
      context('search'),
    );
    assert.equal(referral.errorClass, 'not-found');
    assert.match(referral.message, /refers elsewhere \(result 10/);
    assert.match(referral.fix, /Global Catalog/);
  });

  it('offers an empty base DN only when the rootDSE named a naming context', () => {
    const given = {...settings, baseDn: 'OU=Nowhere,DC=corp,DC=example'};
    const named = {settings: given, defaultBaseDn: 'DC=corp,DC=example'};
    const fixFor = (error: Error, overrides: Partial<FailureContext>) =>
      classifyDirectoryError(error, context('search', overrides)).fix;
    assert.equal(
      fixFor(new InvalidDNSyntaxError(''), named),
      'Correct the base DN (e.g. dc=example,dc=com), or leave it empty to use the naming ' +
        'context the server names, DC=corp,DC=example.',
    );
    assert.equal(
      fixFor(new InvalidDNSyntaxError(''), {settings: given}),
      'Correct the base DN (e.g. dc=example,dc=com).',
    );
    assert.equal(fixFor(new NoSuchObjectError(''), {settings: given}), 'Correct the base DN.');
    // A Domino server that names no context is searched from its root.
    assert.match(
      fixFor(new NoSuchObjectError(''), {settings: {...given, type: 'domino'}, defaultBaseDn: ''}),
      /, or leave it empty to search the directory from its root\.$/,
    );
    // An empty base DN is what failed: leaving it empty is no advice.
    assert.equal(
      fixFor(new NoSuchObjectError(''), {defaultBaseDn: 'DC=corp,DC=example'}),
      'Correct the base DN.',
    );
  });

  it('classes a missing service account entry at bind as credentials', () => {
    const error = classifyDirectoryError(new NoSuchObjectError(''), context('bind'));
    assert.equal(error.errorClass, 'credentials');
  });

  it('classes a malformed DN as input, naming which one', () => {
    const atBind = classifyDirectoryError(new InvalidDNSyntaxError(''), context('bind'));
    assert.equal(atBind.errorClass, 'input');
    assert.match(atBind.message, /service account name svc-mse@corp\.example/);
    const atSearch = classifyDirectoryError(new InvalidDNSyntaxError(''), context('search'));
    assert.match(atSearch.message, /base DN/);
  });

  it('classes missing rights as permission and a busy server as server', () => {
    assert.equal(
      classifyDirectoryError(new InsufficientAccessError(''), context('search')).errorClass,
      'permission',
    );
    const busy = classifyDirectoryError(new BusyError(''), context('search'));
    assert.equal(busy.errorClass, 'server');
    assert.match(busy.message, /result 51, busy/);
  });

  it('classes a refused StartTLS as tls', () => {
    const error = classifyDirectoryError(
      new ProtocolError('1.3.6.1.4.1.1466.20037 not supported'),
      context('starttls'),
    );
    assert.equal(error.errorClass, 'tls');
    assert.match(error.message, /refused StartTLS/);
  });
});

describe('classifyDirectoryError: TLS', () => {
  const ldaps = {...settings, tlsMode: 'ldaps', port: 636} as const;

  it('names a certificate that does not match the host', () => {
    const cert = {subject: {CN: 'other.example'}, subjectaltname: 'DNS:other.example'};
    const mismatch = checkServerIdentity('dc1.corp.example', cert as unknown as PeerCertificate);
    const error = classifyDirectoryError(mismatch, context('connect', {settings: ldaps}));
    assert.equal(error.errorClass, 'tls');
    assert.match(
      error.message,
      /does not name dc1\.corp\.example: it names other\.example \(ERR_TLS_CERT_ALTNAME_INVALID\)/,
    );
    assert.match(error.fix, /as other\.example \(a name its certificate lists\)/);
    assert.match(error.fix, /reissued with dc1\.corp\.example/);
  });

  it('points at the CA file setting for an untrusted certificate', () => {
    const untrusted = nodeError(
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'unable to verify the first certificate',
    );
    const without = classifyDirectoryError(untrusted, context('connect', {settings: ldaps}));
    assert.equal(without.errorClass, 'tls');
    assert.match(without.fix, /Set the CA file setting/);
    const withFile = classifyDirectoryError(
      untrusted,
      context('connect', {settings: ldaps, caFile: 'C:\\certs\\corp-ca.pem'}),
    );
    assert.match(withFile.fix, /corp-ca\.pem does not hold the CA/);
  });

  it('tells an expired certificate apart', () => {
    const error = classifyDirectoryError(
      nodeError('CERT_HAS_EXPIRED', 'certificate has expired'),
      context('starttls'),
    );
    assert.equal(error.errorClass, 'tls');
    assert.match(error.message, /has expired/);
  });

  it('says plainly that 389 is the plain LDAP port when LDAPS goes there', () => {
    const at389 = {settings: {...ldaps, port: 389}, tcpConnected: true};
    const plainFix = 'Choose StartTLS on port 389, or LDAPS on port 636.';
    const plainText = classifyDirectoryError(
      nodeError('ERR_SSL_WRONG_VERSION_NUMBER', 'wrong version number'),
      context('connect', at389),
    );
    assert.equal(
      plainText.message,
      'dc1.corp.example:389 answered the TLS handshake in plain text ' +
        '(ERR_SSL_WRONG_VERSION_NUMBER): port 389 is the plain LDAP port, which does not speak ' +
        'TLS until StartTLS asks for it.',
    );
    assert.equal(plainText.fix, plainFix);
    const silent = classifyDirectoryError(new DeadlineError(5_000), context('connect', at389));
    assert.equal(silent.errorClass, 'network');
    assert.match(silent.message, /did not complete the TLS handshake within 5 s: port 389 is the/);
    assert.equal(silent.fix, plainFix);
    // Another port may be an LDAPS port without a certificate: both are still offered there.
    const elsewhere = classifyDirectoryError(
      nodeError('ECONNRESET', 'socket disconnected'),
      context('connect', {settings: {...ldaps, port: 1636}}),
    );
    assert.match(elsewhere.fix, /port 1636 is the LDAPS port .* has a certificate/);
  });

  it('reads a reset during the handshake as a TLS failure, later as a network one', () => {
    const reset = nodeError(
      'ECONNRESET',
      'Client network socket disconnected before secure TLS connection was established',
    );
    assert.equal(
      classifyDirectoryError(reset, context('connect', {settings: ldaps})).errorClass,
      'tls',
    );
    assert.equal(
      classifyDirectoryError(reset, context('search', {settings: ldaps})).errorClass,
      'network',
    );
  });
});

describe('classifyDirectoryError: network and the rest', () => {
  it('classes a name that does not resolve as network', async () => {
    const unresolved = await lookup('mse-bind-test.invalid').then(
      () => assert.fail('resolved'),
      (error: unknown) => error,
    );
    const error = classifyDirectoryError(unresolved, context('connect'));
    assert.equal(error.errorClass, 'network');
    assert.match(error.message, /could not be resolved/);
  });

  it('classes our deadline and ldapts timeouts as network', () => {
    const deadline = classifyDirectoryError(new DeadlineError(2500), context('bind'));
    assert.equal(deadline.errorClass, 'network');
    assert.match(deadline.message, /did not answer within 2\.5 s while binding/);
    const ldapts = classifyDirectoryError(
      new Error('SearchRequest: Operation timed out'),
      context('search'),
    );
    assert.equal(ldapts.errorClass, 'network');
  });

  it('tells a connection that never came up from a server that stopped answering', () => {
    const connect = classifyDirectoryError(new DeadlineError(5_000), context('connect'));
    assert.equal(connect.message, 'dc1.corp.example:389 did not complete a connection within 5 s.');
    assert.match(connect.fix, /drops packets/);
    const ldaptsConnect = classifyDirectoryError(
      new Error('Connection timeout'),
      context('connect'),
    );
    assert.equal(ldaptsConnect.message, connect.message);
    const answer = classifyDirectoryError(new DeadlineError(10_000), context('root-dse'));
    assert.match(
      answer.message,
      /accepted the connection but did not answer within 10 s while reading the rootDSE/,
    );
    assert.equal(answer.setting, 'directoryPort');
  });

  it('tells a reset connection from a closed one', () => {
    const reset = classifyDirectoryError(
      nodeError('ECONNRESET', 'read ECONNRESET'),
      context('bind'),
    );
    assert.match(
      reset.message,
      /reset the connection while binding as the service account \(ECONNRESET\)/,
    );
    const closed = classifyDirectoryError(
      new Error(
        'Connection closed before message response was received. Message type: BindRequest (0x60)',
      ),
      context('bind'),
    );
    assert.match(closed.message, /closed the connection while binding/);
    assert.notEqual(reset.fix, closed.fix);
  });

  it('gives size and time limits their own messages, with the users seen so far', () => {
    const size = classifyDirectoryError(
      new SizeLimitExceededError(' Code: 0x4'),
      context('search', {usersSeen: 500}),
    );
    assert.equal(size.errorClass, 'permission');
    assert.match(size.message, /at its size limit \(result 4, sizeLimitExceeded\) after 500 users/);
    const time = classifyDirectoryError(
      new TimeLimitExceededError(''),
      context('search', {searchTimeLimitSeconds: 8}),
    );
    assert.equal(time.errorClass, 'server');
    assert.match(time.message, /at its time limit \(result 3, timeLimitExceeded\)/);
    // The limit the search asked of the server, not the client's own wait.
    assert.match(
      time.message,
      /it could not search under DC=corp,DC=example within the 8 s asked for\.$/,
    );
    const admin = classifyDirectoryError(new AdminLimitExceededError(''), context('search'));
    assert.match(admin.message, /as too large \(result 11, adminLimitExceeded\)/);
  });

  it('hints at LDAPS when a plain connection is dropped', () => {
    const error = classifyDirectoryError(
      new Error(
        'Connection closed before message response was received. ' +
          'Message type: SearchRequest (0x63)',
      ),
      context('root-dse', {settings: {...settings, port: 636}}),
    );
    assert.equal(error.errorClass, 'network');
    assert.match(error.fix, /port 636 is an LDAPS port/);
  });

  it('drops the advice on port and TLS mode once the server has answered LDAP', () => {
    const answered = {ldapAnswered: true, settings: {...settings, port: 636}};
    const reset = classifyDirectoryError(
      nodeError('ECONNRESET', 'read ECONNRESET'),
      context('bind', answered),
    );
    assert.match(reset.fix, /^It answered LDAP on this connection before, so the port and TLS/);
    assert.match(
      reset.fix,
      /A firewall or load balancer that cuts LDAP sessions also does this\.$/,
    );
    assert.doesNotMatch(reset.fix, /LDAPS/);
    assert.equal(reset.setting, undefined);

    const overLdaps = classifyDirectoryError(
      new Error('Connection closed before message response was received.'),
      context('search', {ldapAnswered: true, settings: {...settings, tlsMode: 'ldaps'}}),
    );
    assert.doesNotMatch(overLdaps.fix, /Check the port/);
    assert.equal(overLdaps.setting, undefined);

    const stalled = classifyDirectoryError(new DeadlineError(10_000), context('search', answered));
    assert.match(stalled.message, /did not answer within 10 s while searching/);
    assert.doesNotMatch(stalled.fix, /LDAPS on a plain LDAP port/);
    assert.match(stalled.fix, /not overloaded/);
    assert.equal(stalled.setting, undefined);
  });

  it('classes an abort as cancelled and anything else as server', () => {
    const abort = new DOMException('This operation was aborted', 'AbortError');
    assert.equal(classifyDirectoryError(abort, context('bind')).errorClass, 'cancelled');
    const odd = classifyDirectoryError(new Error('parser confused'), context('search'));
    assert.equal(odd.errorClass, 'server');
    assert.match(odd.message, /parser confused/);
  });
});
