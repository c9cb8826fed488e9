import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {KeyHints, keyHintLines} from '../../src/components/KeyHints.js';
import {renderView} from '../helpers/render-view.js';

describe('KeyHints', () => {
  it('lists each key and its action on one line', () => {
    const hints = [
      {key: 'Enter', action: 'next'},
      {key: 'Esc', action: 'back'},
      {key: 'Tab', action: 'field'},
      {key: 'Ctrl+C', action: 'quit'},
    ];
    assert.equal(
      renderView(<KeyHints hints={hints} />),
      'Enter next  Esc back  Tab field  Ctrl+C quit',
    );
  });

  it('stays on one line in a narrow terminal', () => {
    const hints = Array.from({length: 12}, (_, index) => ({key: `F${index}`, action: 'something'}));
    const frame = renderView(<KeyHints hints={hints} />, undefined, 40);
    assert.equal(frame.split('\n').length, 1);
    assert.equal(frame.length, 40);
  });

  it('wraps whole hints onto more lines when given a width, so every key stays shown', () => {
    const hints = [
      {key: 'Enter/Space', action: 'start / pause the engine'},
      {key: 'R', action: 're-bind'},
      {key: 'S', action: 'site settings'},
      {key: 'Q', action: 'quit'},
    ];
    const frame = renderView(<KeyHints hints={hints} width={60} />, undefined, 60);
    assert.deepEqual(frame.split('\n'), [
      'Enter/Space start / pause the engine  R re-bind',
      'S site settings  Q quit',
    ]);
    assert.equal(keyHintLines(hints, 80).length, 1);
  });
});
