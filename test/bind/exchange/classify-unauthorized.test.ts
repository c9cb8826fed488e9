import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {classifyUnauthorized} from '../../../src/bind/exchange/classify-unauthorized.js';
import {parseMsDiagnostics} from '../../../src/bind/exchange/ms-diagnostics.js';
import {exchangeOnlineTarget, onPremisesTarget} from '../../helpers/probe-targets.js';

const iis = ['Negotiate', 'NTLM', 'Basic'];

describe('classifyUnauthorized', () => {
  it('blames the password after Basic when Basic was offered', () => {
    const error = classifyUnauthorized(onPremisesTarget, {
      sent: 'basic',
      offered: iis,
      diagnostics: null,
      challengeError: null,
    });
    assert.equal(error.errorClass, 'credentials');
    assert.match(error.message, /\(Basic\)/);
    assert.equal(error.setting, 'exchangePassword');
  });

  it('blames the password after a complete NTLM handshake, and mentions the proxy', () => {
    const direct = classifyUnauthorized(onPremisesTarget, {
      sent: 'ntlm',
      offered: iis,
      diagnostics: null,
      challengeError: null,
    });
    assert.equal(direct.errorClass, 'credentials');
    assert.match(direct.message, /\(NTLM\)\.$/);
    const proxied = classifyUnauthorized(
      {...onPremisesTarget, proxy: 'proxy.contoso.example:3128'},
      {sent: 'ntlm', offered: iis, diagnostics: null, challengeError: null},
    );
    assert.match(proxied.message, /proxy proxy\.contoso\.example:3128 may not pass NTLM through/);
  });

  it('names the offered schemes when the chosen one is not among them', () => {
    const noBasic = classifyUnauthorized(onPremisesTarget, {
      sent: 'basic',
      offered: ['Negotiate', 'NTLM'],
      diagnostics: null,
      challengeError: null,
    });
    assert.equal(noBasic.errorClass, 'auth-scheme');
    assert.match(
      noBasic.message,
      /does not accept Basic authentication; it offers Negotiate, NTLM/,
    );
    assert.match(noBasic.fix, /Choose NTLM/);

    const noNtlm = classifyUnauthorized(
      {...onPremisesTarget, scheme: 'ntlm'},
      {sent: 'ntlm-negotiate', offered: ['Basic'], diagnostics: null, challengeError: null},
    );
    assert.match(noNtlm.message, /does not accept NTLM/);
    assert.match(noNtlm.fix, /Choose Basic/);
  });

  it('says when nothing offered is supported (auto)', () => {
    const error = classifyUnauthorized(
      {...onPremisesTarget, scheme: 'auto'},
      {sent: 'ntlm-negotiate', offered: ['Kerberos'], diagnostics: null, challengeError: null},
    );
    assert.match(error.message, /offers Kerberos; mse-bind supports Basic, NTLM and OAuth/);
    assert.match(error.fix, /Enable/);
  });

  it('says Basic and NTLM are retired on Exchange Online, whatever is offered', () => {
    for (const sent of ['basic', 'ntlm', 'ntlm-negotiate'] as const) {
      const error = classifyUnauthorized(
        {...exchangeOnlineTarget, scheme: 'basic'},
        {sent, offered: ['Basic'], diagnostics: null, challengeError: null},
      );
      assert.equal(error.errorClass, 'auth-scheme');
      assert.match(error.message, /Exchange Online no longer accepts Basic or NTLM/);
    }
  });

  it('reads the 2000008 diagnostics as a missing full_access_as_app permission', () => {
    const diagnostics = parseMsDiagnostics(
      '2000008;reason="The token contains no permissions, or permissions can not be ' +
        'understood.";error_category="invalid_grant"',
    );
    const error = classifyUnauthorized(exchangeOnlineTarget, {
      sent: 'bearer',
      offered: ['Bearer'],
      diagnostics,
      challengeError: null,
    });
    assert.equal(error.errorClass, 'permission');
    assert.match(error.fix, /full_access_as_app/);
    assert.equal(error.setting, 'exchangeClientId');
  });

  it('reports another token refusal with its code and reason', () => {
    const error = classifyUnauthorized(exchangeOnlineTarget, {
      sent: 'bearer',
      offered: ['Bearer'],
      diagnostics: parseMsDiagnostics('2000003;reason="The audience claim value is invalid."'),
      challengeError: null,
    });
    assert.equal(error.errorClass, 'credentials');
    assert.match(error.message, /2000003: The audience claim value is invalid/);
  });

  it('says a server that offers no Bearer does not take OAuth, naming what it offers', () => {
    const oauthOnPremises = {...onPremisesTarget, scheme: 'oauth' as const};
    const refused = (offered: string[]) =>
      classifyUnauthorized(oauthOnPremises, {
        sent: 'bearer',
        offered,
        diagnostics: null,
        challengeError: null,
      });

    const windows = refused(['Negotiate', 'NTLM', 'Basic']);
    assert.equal(windows.errorClass, 'auth-scheme');
    assert.equal(windows.setting, 'authScheme');
    assert.match(
      windows.message,
      /does not accept OAuth \(bearer tokens\); it offers Negotiate, NTLM, Basic\.$/,
    );
    assert.match(windows.fix, /^Choose NTLM or Basic as the auth scheme/);

    const basicOnly = refused(['Basic']);
    assert.equal(basicOnly.errorClass, 'auth-scheme');
    assert.match(basicOnly.fix, /^Choose Basic as the auth scheme/);

    const none = refused([]);
    assert.equal(none.errorClass, 'auth-scheme');
    assert.match(none.message, /it offers no authentication scheme\.$/);
    assert.doesNotMatch(none.fix, /Choose/);

    const kerberos = refused(['Kerberos']);
    assert.doesNotMatch(kerberos.fix, /Choose/);
  });

  it('keeps a refused token when the server reads tokens: Bearer, diagnostics or error', () => {
    const oauthOnPremises = {...onPremisesTarget, scheme: 'oauth' as const};
    const answers = [
      {offered: ['Negotiate', 'NTLM', 'Bearer'], diagnostics: null, challengeError: null},
      {offered: [], diagnostics: parseMsDiagnostics('2000001;reason="x"'), challengeError: null},
      {offered: [], diagnostics: null, challengeError: 'invalid_token'},
    ];
    for (const answer of answers) {
      const error = classifyUnauthorized(oauthOnPremises, {sent: 'bearer', ...answer});
      assert.equal(error.errorClass, 'credentials', JSON.stringify(answer));
      assert.match(error.message, /refused the access token/);
    }
    // Exchange Online reads every token, whatever a proxy left of the challenges.
    const online = classifyUnauthorized(exchangeOnlineTarget, {
      sent: 'bearer',
      offered: [],
      diagnostics: null,
      challengeError: null,
    });
    assert.equal(online.errorClass, 'credentials');
  });

  it('tells a negotiate message left without a challenge from NTLM not being offered', () => {
    for (const scheme of ['ntlm', 'auto'] as const) {
      const error = classifyUnauthorized(
        {...onPremisesTarget, scheme},
        {
          sent: 'ntlm-negotiate',
          offered: ['Negotiate', 'NTLM'],
          diagnostics: null,
          challengeError: null,
        },
      );
      assert.equal(error.errorClass, 'auth-scheme');
      assert.match(error.message, /answered the NTLM negotiate message without an NTLM challenge/);
      assert.doesNotMatch(error.fix, /choose/i);
      assert.equal(error.setting, 'ewsUrl');
    }

    const proxied = classifyUnauthorized(
      {...onPremisesTarget, scheme: 'ntlm', proxy: 'proxy.contoso.example:3128'},
      {sent: 'ntlm-negotiate', offered: iis, diagnostics: null, challengeError: null},
    );
    assert.match(proxied.message, /through the proxy proxy\.contoso\.example:3128 without/);
    assert.match(proxied.fix, /^Check that neither the proxy nor a load balancer/);
    assert.match(proxied.fix, /, or choose Basic\.$/);
    assert.equal(proxied.setting, 'authScheme');
  });
});
