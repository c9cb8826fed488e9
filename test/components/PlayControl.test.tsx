import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {PlayControl} from '../../src/components/PlayControl.js';
import {renderView} from '../helpers/render-view.js';

describe('PlayControl', () => {
  it('offers Start while the engine is paused', () => {
    assert.equal(renderView(<PlayControl state="paused" />), '  [ > ] Start   engine paused');
  });

  it('offers Pause while the engine runs', () => {
    assert.equal(renderView(<PlayControl state="running" />), '  [ || ] Pause   engine running');
  });

  it('shows that the engine is starting, and marks focus with >', () => {
    const frame = renderView(<PlayControl state="starting" focused />);
    assert.equal(frame, '> [ .. ] Starting   engine starting');
  });
});

describe('PlayControl when the checks stopped', () => {
  it('offers to check again, and says the site needs a re-bind', () => {
    assert.equal(
      renderView(<PlayControl state="halted" />),
      '  [ > ] Check again   checks stopped: re-bind needed',
    );
  });
});
