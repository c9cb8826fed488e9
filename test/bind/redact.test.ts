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
    const secret = 'Contoso-2026';
    const named = `cn=${secret},dc=example`;
    assert.equal(redactSecrets(`rejected ${named}`, [secret], [named]), `rejected ${named}`);
    assert.equal(
      redactSecrets(`rejected ${named}; it said ${secret}`, [secret], [named]),
      `rejected ${named}; it said [redacted]`,
      'an occurrence outside the setting is still replaced',
    );
  });

  it('leaves a secret that reads like a word alone, rather than blank it out and show it', () => {
    const text =
      "Mimecast login at 127.0.0.1:443 refused: the password is wrong; type the user's password";
    for (const secret of ['wrong', 'password', 'Mimecast', '127.0.0.1', 'user', 'contoso']) {
      assert.equal(redactSecrets(text, [secret]), text, secret);
    }
    const passphrase = 'correct horse battery staple';
    assert.equal(redactSecrets(`echo ${passphrase}`, [passphrase]), 'echo [redacted]');
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
