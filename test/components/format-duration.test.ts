import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {formatDuration, formatElapsed} from '../../src/components/format-duration.js';

describe('formatDuration', () => {
  it('uses ms below a second, tenths below a minute, then minutes and seconds', () => {
    assert.equal(formatDuration(0), '0 ms');
    assert.equal(formatDuration(999.4), '999 ms');
    assert.equal(formatDuration(1000), '1.0 s');
    assert.equal(formatDuration(59_940), '59.9 s');
    assert.equal(formatDuration(125_000), '2 min 05 s');
    assert.equal(formatDuration(-5), '0 ms');
  });
});

describe('formatElapsed', () => {
  it('counts whole seconds', () => {
    assert.equal(formatElapsed(0), '0s');
    assert.equal(formatElapsed(2999), '2s');
    assert.equal(formatElapsed(-1), '0s');
  });
});
