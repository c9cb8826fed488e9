import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {redactSecrets, shownValuesOf} from '../../src/bind/redact.js';

describe('redacting secrets from messages', () => {
  it('replaces a secret a library echoed, wherever it stands', () => {
    const text = 'connect https://svc:Pa55-Word-1@mail.example.com failed; Pa55-Word-1 refused';
    assert.equal(
      redactSecrets(text, ['Pa55-Word-1']),
      'connect https://svc:[redacted]@mail.example.com failed; [redacted] refused',
    );
  });

  it('leaves a secret inside a setting the message shows, which the reader sees anyway', () => {
    const dn = 'cn=svc-mse,ou=services,dc=contoso,dc=example';
    const text = `The directory rejected the service account ${dn}.`;
    assert.equal(redactSecrets(text, ['contoso'], [dn]), text);
    assert.equal(
      redactSecrets(`${text} It said: contoso`, ['contoso'], [dn]),
      `${text} It said: [redacted]`,
      'an occurrence outside the setting is still replaced',
    );
  });

  it('leaves a short secret alone rather than blank out words and show where it stands', () => {
    const text = 'the password is wrong, the user does not exist, or the realm is another';
    assert.equal(redactSecrets(text, ['wrong', 'the']), text);
  });

  it('finds every text value of the settings', () => {
    const shown = shownValuesOf({
      siteName: 'London',
      directory: {host: 'dc1', port: 636, bindName: 'cn=svc'},
      network: {caFile: '', proxyUrl: undefined},
    });
    assert.deepEqual(shown, ['London', 'dc1', 'cn=svc', '']);
  });
});
