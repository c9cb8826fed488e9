import assert from 'node:assert/strict';
import {test} from 'node:test';
import {parseRelaxedJson} from '../../../src/simulators/mimecast/relaxed-json.js';

test('strict JSON is read as JSON', () => {
  assert.deepEqual(parseRelaxedJson('{"data":[{"a":"b"}]}'), {data: [{a: 'b'}]});
});

test('a Python dict repr is read: single quotes, True, False, None, escapes', () => {
  assert.deepEqual(
    parseRelaxedJson(`{'data': [{'a': 'it\\'s "x"', 'b': True, 'c': False, 'd': None}]}`),
    {data: [{a: `it's "x"`, b: true, c: false, d: null}]},
  );
});

test('bare words inside strings are left alone', () => {
  assert.deepEqual(parseRelaxedJson(`{'note': 'True story, None left'}`), {
    note: 'True story, None left',
  });
});

test('anything else is still a syntax error', () => {
  assert.throws(() => parseRelaxedJson(`{'open': 'string}`), SyntaxError);
  assert.throws(() => parseRelaxedJson('<html>'), SyntaxError);
});
