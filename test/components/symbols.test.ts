import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {
  asciiEllipsis,
  asciiSymbols,
  spinnerFrame,
  symbolsFor,
  unicodeSymbols,
} from '../../src/components/symbols.js';

describe('symbols', () => {
  it('picks the set from the capabilities', () => {
    assert.equal(symbolsFor({unicode: false, color: true}), asciiSymbols);
    assert.equal(symbolsFor({unicode: true, color: false}), unicodeSymbols);
  });

  it('keeps every ASCII glyph printable ASCII, one column each', () => {
    const {spinnerFrames, spinnerIntervalMs, ...markers} = asciiSymbols;
    for (const glyph of [...spinnerFrames, ...Object.values(markers)]) {
      assert.match(glyph, /^[\x20-\x7e]$/);
    }
    assert.deepEqual(spinnerFrames, ['-', '\\', '|', '/']);
    assert.equal(spinnerIntervalMs, 130);
  });

  it('chooses the spinner frame from the elapsed time', () => {
    assert.equal(spinnerFrame(asciiSymbols, 0), '-');
    assert.equal(spinnerFrame(asciiSymbols, 129), '-');
    assert.equal(spinnerFrame(asciiSymbols, 130), '\\');
    assert.equal(spinnerFrame(asciiSymbols, 130 * 6), '|');
    assert.equal(spinnerFrame(asciiSymbols, -50), '-');
  });
});

describe('asciiEllipsis', () => {
  it('replaces a trailing … with ... in the same number of columns', () => {
    assert.equal(asciiEllipsis('abcdef…'), 'abcd...');
    assert.equal(asciiEllipsis('unchanged'), 'unchanged');
  });

  it('steps over style codes around the cut', () => {
    const styled = 'ab\u001B[31mcd\u001B[39m…\u001B[22m';
    assert.equal(asciiEllipsis(styled), 'ab\u001B[31m\u001B[39m...\u001B[22m');
  });
});
