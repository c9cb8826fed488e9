import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {hasControlCharacter, printable} from '../../src/bind/control-characters.js';
import {formatStatus} from '../../src/commands/format-status.js';
import {summarizeBinding} from '../../src/storage/binding-status.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';

describe('control characters', () => {
  it('finds C0, DEL and C1 controls, and nothing in ordinary text', () => {
    for (const text of ['a\u001bb', 'tab\there', 'bell\u0007', 'del\u007f', 'c1\u009b']) {
      assert.equal(hasControlCharacter(text), true, JSON.stringify(text));
    }
    assert.equal(hasControlCharacter('Zürich – Büro 7 😀'), false);
  });

  it('finds the bidirectional overrides and marks that reorder a line on the screen', () => {
    for (const code of [0x200e, 0x200f, 0x202a, 0x202e, 0x2066, 0x2069]) {
      const text = `London ${String.fromCodePoint(code)}nodnoL`;
      assert.equal(hasControlCharacter(text), true, code.toString(16));
    }
    assert.equal(
      hasControlCharacter('东京サイト 👩‍💻 عربي'),
      false,
      'scripts and emoji joiners pass',
    );
  });

  it('shows them as ? so a saved value cannot drive the terminal', () => {
    assert.equal(printable('Evil\u001b[2Jx\nline2'), 'Evil?[2Jx?line2');
    const record = sampleBindingRecord();
    const evil = {...record, settings: {...record.settings, siteName: 'Evil\u001b[31mRED\n'}};
    const status = formatStatus(summarizeBinding(evil, 'key-file', '/state/binding.enc'), '/state');
    assert.match(status, /^Site +Evil\?\[31mRED\?$/m);
    assert.equal(hasControlCharacter(status.replaceAll('\n', '')), false);
  });
});
