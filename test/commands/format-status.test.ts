import assert from 'node:assert/strict';
import {test} from 'node:test';

import {formatStatus} from '../../src/commands/format-status.js';
import {summarizeBinding} from '../../src/storage/binding-status.js';
import {sampleBindingRecord} from '../helpers/sample-binding.js';

test('status tells the play control apart from a running process, within 80 columns', () => {
  const record = sampleBindingRecord();
  for (const [state, expected] of [
    ['running', /^Engine\s+on: checks run under mse-bind run or on the engine screen$/m],
    ['paused', /^Engine\s+paused by the play control$/m],
  ] as const) {
    const text = formatStatus(
      summarizeBinding(
        {...record, engine: {...record.engine, state}},
        'keychain',
        '/state/binding.enc',
      ),
      '/state',
    );
    assert.match(text, expected);
    assert.doesNotMatch(text, /^Engine\s+running/m);
    for (const line of text.split('\n')) {
      if (line.startsWith('Engine')) assert.ok(line.length <= 80, line);
    }
  }
});
