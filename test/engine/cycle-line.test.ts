import assert from 'node:assert/strict';
import {test} from 'node:test';

import {describeReport} from '../../src/engine/headless-engine.js';

test("a cycle's log line separates the parts once, without a sentence's full stop before it", () => {
  const line = describeReport({
    checkedAt: '2026-12-04T07:00:00.000Z',
    lastContact: null,
    checks: {
      binding: {
        ok: false,
        errorClass: 'network',
        message: 'Mimecast could not be reached (ECONNREFUSED).',
        fix: 'f',
      },
      directory: {ok: true, fact: '3 mail-enabled users'},
      exchange: {ok: false, errorClass: 'credentials', message: 'Exchange refused it.', fix: 'f'},
    },
  });
  assert.equal(
    line,
    'binding FAILED network: Mimecast could not be reached (ECONNREFUSED); ' +
      'directory ok (3 mail-enabled users); exchange FAILED credentials: Exchange refused it',
  );
});
