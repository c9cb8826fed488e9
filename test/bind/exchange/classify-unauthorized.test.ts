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
    });
    assert.equal(direct.errorClass, 'credentials');
    assert.match(direct.message, /\(NTLM\)\.$/);
    const proxied = classifyUnauthorized(
      {...onPremisesTarget, proxy: 'proxy.contoso.example:3128'},
      {sent: 'ntlm', offered: iis, diagnostics: null},
    );
    assert.match(proxied.message, /proxy proxy\.contoso\.example:3128 may not pass NTLM through/);
  });

  it('names the offered schemes when the chosen one is not among them', () => {
    const noBasic = classifyUnauthorized(onPremisesTarget, {
      sent: 'basic',
      offered: ['Negotiate', 'NTLM'],
      diagnostics: null,
    });
    assert.equal(noBasic.errorClass, 'auth-scheme');
    assert.match(
      noBasic.message,
      /does not accept Basic authentication; it offers Negotiate, NTLM/,
    );
    assert.match(noBasic.fix, /Choose NTLM/);

    const noNtlm = classifyUnauthorized(
      {...onPremisesTarget, scheme: 'ntlm'},
      {sent: 'ntlm-negotiate', offered: ['Basic'], diagnostics: null},
    );
    assert.match(noNtlm.message, /does not accept NTLM/);
    assert.match(noNtlm.fix, /Choose Basic/);
  });

  it('says when nothing offered is supported (auto)', () => {
    const error = classifyUnauthorized(
      {...onPremisesTarget, scheme: 'auto'},
      {sent: 'ntlm-negotiate', offered: ['Kerberos'], diagnostics: null},
    );
    assert.match(error.message, /offers Kerberos; mse-bind supports Basic, NTLM and OAuth/);
    assert.match(error.fix, /Enable/);
  });

  it('says Basic and NTLM are retired on Exchange Online, whatever is offered', () => {
    for (const sent of ['basic', 'ntlm', 'ntlm-negotiate'] as const) {
      const error = classifyUnauthorized(
        {...exchangeOnlineTarget, scheme: 'basic'},
        {sent, offered: ['Basic'], diagnostics: null},
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
    });
    assert.equal(error.errorClass, 'credentials');
    assert.match(error.message, /2000003: The audience claim value is invalid/);
  });
});
