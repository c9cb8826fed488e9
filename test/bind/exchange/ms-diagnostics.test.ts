import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {parseMsDiagnostics} from '../../../src/bind/exchange/ms-diagnostics.js';

describe('parseMsDiagnostics', () => {
  it('reads the code, the reason and the category', () => {
    assert.deepEqual(
      parseMsDiagnostics(
        '2000008;reason="The token contains no permissions, or permissions can not be ' +
          'understood.";error_category="invalid_grant"',
      ),
      {
        code: 2000008,
        reason: 'The token contains no permissions, or permissions can not be understood.',
        category: 'invalid_grant',
      },
    );
  });

  it('takes the first of several lines and ignores what is not a diagnostic', () => {
    assert.equal(parseMsDiagnostics(['2000001;reason="x"', '2000003'])?.code, 2000001);
    assert.equal(parseMsDiagnostics(undefined), null);
    assert.equal(parseMsDiagnostics('not a code'), null);
  });
});
