import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {
  formValuesFrom,
  placeholderOf,
  settingsFrom,
  validateForm,
  type FormValues,
} from '../../src/bind/form.js';
import {BindError} from '../../src/bind/errors.js';
import {planProbe} from '../../src/bind/exchange/probe-plan.js';
import {emptySecrets, emptySettings} from '../../src/bind/settings.js';
import {validValues} from '../helpers/machine-fixtures.js';

const fieldsWithProblems = (values: FormValues) =>
  validateForm(values).map((problem) => problem.field);

describe('form: Exchange sign-in and Autodiscover', () => {
  it('carries the OAuth settings and the client secret there and back', () => {
    const settings = emptySettings();
    const values = formValuesFrom(
      {
        ...settings,
        exchange: {
          ...settings.exchange,
          authScheme: 'oauth',
          tenant: 'contoso.example',
          clientId: 'app-id',
          authorityUrl: 'https://login.microsoftonline.us',
        },
      },
      {...emptySecrets(), exchangeClientSecret: ' secret with spaces '},
    );
    const back = settingsFrom(values);
    assert.equal(back.settings.exchange.authScheme, 'oauth');
    assert.equal(back.settings.exchange.tenant, 'contoso.example');
    assert.equal(back.settings.exchange.clientId, 'app-id');
    assert.equal(back.settings.exchange.authorityUrl, 'https://login.microsoftonline.us');
    assert.equal(back.secrets.exchangeClientSecret, 'secret with spaces');
  });

  it('defaults the authority for a saved site that predates OAuth', () => {
    const values = validValues();
    assert.equal(values.exchangeAuthority, 'https://login.microsoftonline.com');
    assert.equal(values.exchangeClientSecret, '');
    assert.deepEqual(validateForm(values), []);
  });

  it('lets the EWS URL stay empty when Autodiscover has an address to ask about', () => {
    assert.deepEqual(fieldsWithProblems(validValues({ewsUrl: ''})), []);
    assert.deepEqual(fieldsWithProblems(validValues({ewsUrl: '', exchangeUser: 'CONTOSO\\svc'})), [
      'ewsUrl',
    ]);
    assert.deepEqual(
      fieldsWithProblems(
        validValues({ewsUrl: '', exchangeUser: 'CONTOSO\\svc', mailbox: 'a@contoso.example'}),
      ),
      [],
    );
    assert.deepEqual(fieldsWithProblems(validValues({ewsUrl: 'not a url'})), ['ewsUrl']);
  });

  it('refuses an address whose domain Autodiscover cannot ask, saying so', () => {
    const [local] = validateForm(validValues({ewsUrl: '', exchangeUser: 'svc-mse@localhost'}));
    assert.equal(local?.field, 'ewsUrl');
    assert.match(local?.message ?? '', /svc-mse@localhost names no mail domain/);
    const [mailbox] = validateForm(validValues({ewsUrl: '', mailbox: 'alice'}));
    assert.equal(mailbox?.field, 'mailbox');
    assert.match(mailbox?.message ?? '', /Autodiscover needs the mailbox as an address/);
  });

  it('refuses exactly what the probe could not ask Autodiscover about', () => {
    const names = [
      'svc-mse@contoso.example',
      'svc-mse@localhost',
      'svc-mse@CONTOSO',
      'CONTOSO\\svc-mse',
      'svc-mse@mail.bücher.example',
      'svc-mse@contoso.example.',
      'svc-mse@contoso..example',
      'svc mse@contoso.example',
      'alice',
    ];
    for (const user of names) {
      for (const mailbox of ['', ...names]) {
        const values = validValues({ewsUrl: '', exchangeUser: user, mailbox});
        const formField = validateForm(values).find(
          (problem) => problem.field === 'ewsUrl' || problem.field === 'mailbox',
        )?.field;
        const exchange = settingsFrom(values).settings.exchange;
        const probeField = planField(() => planProbe(exchange, 'pw', ''));
        assert.equal(formField, probeField, `user ${user}, mailbox ${mailbox || '(none)'}`);
      }
    }
  });

  it('refuses an http:// EWS URL and OAuth authority, loopback ones too', () => {
    for (const ewsUrl of [
      'http://mail.contoso.example/EWS/Exchange.asmx',
      'http://127.0.0.1:18089/EWS/Exchange.asmx',
    ]) {
      assert.deepEqual(validateForm(validValues({ewsUrl})), [
        {
          field: 'ewsUrl',
          message: `The EWS URL (${ewsUrl}) must use https://; plain http:// is refused.`,
        },
      ]);
    }
    const oauth = validValues({
      authScheme: 'oauth',
      accessMode: 'impersonation',
      mailbox: 'alice@contoso.example',
      exchangeTenant: 'contoso.example',
      exchangeClientId: 'app-id',
      exchangeClientSecret: 'secret',
    });
    assert.deepEqual(validateForm(oauth), []);
    assert.deepEqual(validateForm({...oauth, exchangeAuthority: 'http://127.0.0.1:18090'}), [
      {
        field: 'exchangeAuthority',
        message:
          'The Entra ID authority URL (http://127.0.0.1:18090/) must use https://; plain ' +
          'http:// is refused.',
      },
    ]);
  });

  it('asks OAuth for tenant, client id, secret and impersonation, not for a password', () => {
    const oauth = validValues({
      authScheme: 'oauth',
      exchangeUser: '',
      exchangePassword: '',
      ewsUrl: '',
    });
    assert.deepEqual(fieldsWithProblems(oauth), [
      'accessMode',
      'exchangeTenant',
      'exchangeClientId',
      'exchangeClientSecret',
    ]);
    const complete = {
      ...oauth,
      accessMode: 'impersonation',
      mailbox: 'alice@contoso.example',
      exchangeTenant: 'contoso.example',
      exchangeClientId: 'app-id',
      exchangeClientSecret: 'secret',
    };
    assert.deepEqual(fieldsWithProblems(complete), []);
    assert.deepEqual(fieldsWithProblems({...complete, exchangeAuthority: 'login'}), [
      'exchangeAuthority',
    ]);
  });
});

describe('form: Mimecast discovery URL', () => {
  it('refuses plain http://, loopback too, as step 1 would', () => {
    for (const discoveryUrl of ['http://api.mimecast.com', 'http://127.0.0.1:18088']) {
      assert.deepEqual(validateForm(validValues({discoveryUrl})), [
        {
          field: 'discoveryUrl',
          message: `The discovery URL (${discoveryUrl}/) must use https://; plain http:// is refused.`,
        },
      ]);
    }
  });

  it('takes an https:// host, and refuses a path or what is no URL', () => {
    for (const discoveryUrl of ['https://api.mimecast.com', 'https://127.0.0.1:18088/']) {
      assert.deepEqual(fieldsWithProblems(validValues({discoveryUrl})), [], discoveryUrl);
    }
    for (const discoveryUrl of ['https://api.mimecast.com/api', 'api.mimecast.com']) {
      assert.deepEqual(
        fieldsWithProblems(validValues({discoveryUrl})),
        ['discoveryUrl'],
        discoveryUrl,
      );
    }
  });
});

describe('form: proxy and directory port', () => {
  it('refuses a proxy that is a file path or no address, before any bind', () => {
    for (const proxyUrl of [
      '/etc/ssl/proxy.pem',
      'C:\\certs\\proxy.pem',
      './proxy.pac',
      'proxy.pem',
      'http://proxy.example:8080/wpad.dat',
      'http://proxy.example:8080#x',
      'socks5://proxy.example:1080',
    ]) {
      const problems = validateForm(validValues({proxyUrl}));
      assert.deepEqual(
        problems.map((problem) => problem.field),
        ['proxyUrl'],
        proxyUrl,
      );
      assert.match(problems[0]?.message ?? '', /^The proxy in the proxy setting /);
    }
    for (const proxyUrl of ['', 'http://proxy.example:8080', 'proxy.example:3128', 'http://px']) {
      assert.deepEqual(fieldsWithProblems(validValues({proxyUrl})), [], proxyUrl);
    }
  });

  it('refuses a word alone as a proxy: a bare host needs its port', () => {
    for (const proxyUrl of ['XYZ', 'proxy.example']) {
      const problems = validateForm(validValues({proxyUrl}));
      assert.equal(problems[0]?.field, 'proxyUrl', proxyUrl);
      assert.match(problems[0]?.message ?? '', /needs its port, such as proxy\.example:8080/);
    }
  });

  it('takes a port in decimal digits only', () => {
    for (const directoryPort of ['0x185', '+389', '389.0', '3.89e2', '0', '65536', ' 38 9']) {
      assert.deepEqual(
        fieldsWithProblems(validValues({directoryPort})),
        ['directoryPort'],
        directoryPort,
      );
    }
    assert.deepEqual(fieldsWithProblems(validValues({directoryPort: ' 636 '})), []);
    assert.equal(settingsFrom(validValues({directoryPort: '636'})).settings.directory.port, 636);
  });
});

describe('form: secrets', () => {
  it('trims the application key and client secret as copied, never a password', () => {
    const values = validValues({
      appKey: ' c1a5e2f0-7d3b-4b8e-9f61-2a4c6e8d0b13 ',
      exchangeClientSecret: '\tDemo~Secret ',
      directoryPassword: ' pass word ',
    });
    const {secrets} = settingsFrom(values);
    assert.equal(secrets.appKey, 'c1a5e2f0-7d3b-4b8e-9f61-2a4c6e8d0b13');
    assert.equal(secrets.exchangeClientSecret, 'Demo~Secret');
    assert.equal(secrets.directoryPassword, ' pass word ');
  });
});

describe('form: directory server', () => {
  it('takes a host name or an IP address alone', () => {
    for (const directoryHost of [
      'dc1.corp.example',
      'localhost',
      '127.0.0.1',
      '::1',
      'dc_1.corp',
      ' dc1 ',
    ]) {
      assert.deepEqual(fieldsWithProblems(validValues({directoryHost})), [], directoryHost);
    }
  });

  it('refuses a port, a scheme, a path or spaces in it, saying where each belongs', () => {
    const cases = [
      ['127.0.0.1:389', /the port goes in Directory port/],
      ['[::1]:636', /the port goes in Directory port/],
      ['ldap://127.0.0.1', /without ldap:\/\/ or ldaps:\/\//],
      ['ldaps://dc1.corp.example:636', /without ldap:\/\/ or ldaps:\/\//],
      ['127.0.0.1/x', /host name such as/],
      ['127.0.0.1?x', /host name such as/],
      ['dc1 corp', /host name such as/],
      ['admin@dc1', /host name such as/],
    ] as const;
    for (const [directoryHost, message] of cases) {
      const problems = validateForm(validValues({directoryHost}));
      assert.equal(problems[0]?.field, 'directoryHost', directoryHost);
      assert.match(problems[0]?.message ?? '', message, directoryHost);
    }
  });
});

describe('form: length limits', () => {
  it('refuses an over-long value of each kind, naming the field and its limit', () => {
    const cases = [
      {values: {siteName: 's'.repeat(257)}, field: 'siteName', label: 'Site name', limit: 256},
      {
        values: {discoveryUrl: `https://${'a'.repeat(2048)}.example`},
        field: 'discoveryUrl',
        label: 'Mimecast discovery URL',
        limit: 2048,
      },
      {
        values: {directoryHost: `${'a'.repeat(2049)}`},
        field: 'directoryHost',
        label: 'Directory server',
        limit: 2048,
      },
      {
        values: {bindName: `cn=${'a'.repeat(2046)}`},
        field: 'bindName',
        label: 'Directory service account',
        limit: 2048,
      },
      {
        values: {exchangePassword: 'p'.repeat(10 * 1024 * 1024)},
        field: 'exchangePassword',
        label: 'Exchange password',
        limit: 1024,
      },
      {
        values: {appKey: 'k'.repeat(1025)},
        field: 'appKey',
        label: 'Mimecast application key',
        limit: 1024,
      },
    ] as const;
    for (const {values, field, label, limit} of cases) {
      assert.deepEqual(
        validateForm(validValues(values)),
        [{field, message: `${label} is longer than ${limit} characters; check what was pasted.`}],
        field,
      );
    }
  });

  it('takes a value at its limit', () => {
    assert.deepEqual(fieldsWithProblems(validValues({siteName: 's'.repeat(256)})), []);
    assert.deepEqual(fieldsWithProblems(validValues({directoryPassword: 'p'.repeat(1024)})), []);
  });

  it('refuses a 50 MB site name at once, and says so once', () => {
    const started = Date.now();
    const problems = validateForm(validValues({siteName: 'x'.repeat(50 * 1024 * 1024)}));
    assert.deepEqual(
      problems.map((problem) => problem.field),
      ['siteName'],
    );
    assert.ok(Date.now() - started < 1000, 'no check read the whole value');
  });
});

describe('form: what an empty field says', () => {
  it('calls the mailbox optional for the own mailbox and required for the others', () => {
    assert.equal(placeholderOf('mailbox', {accessMode: 'own'}), '(optional)');
    for (const accessMode of ['delegate', 'impersonation']) {
      assert.equal(placeholderOf('mailbox', {accessMode}), '(required for this access)');
    }
    assert.equal(placeholderOf('siteName', {accessMode: 'own'}), undefined);
  });
});

/** The field planProbe refuses the settings at, or undefined when it accepts them. */
function planField(plan: () => unknown): string | undefined {
  try {
    plan();
    return undefined;
  } catch (error) {
    assert.ok(error instanceof BindError && error.errorClass === 'input', String(error));
    return error.setting;
  }
}
