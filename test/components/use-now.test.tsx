import {afterEach, beforeEach, describe, it, mock} from 'node:test';
import assert from 'node:assert/strict';
import {Text} from 'ink';
import {useNow} from '../../src/components/use-now.js';
import type {InkHarness} from '../helpers/ink-harness.js';
import {renderInk} from '../helpers/ink-harness.js';

function Clock({active, label}: {readonly active: boolean; readonly label: string}) {
  const now = useNow(100, active);
  return (
    <Text>
      {label} now {now}
    </Text>
  );
}

let harness: InkHarness | undefined;

// Only the clock's own timer and Date are faked; React and Ink keep their real scheduling.
beforeEach(() => mock.timers.enable({apis: ['setInterval', 'Date'], now: 1000}));
afterEach(() => {
  harness?.unmount();
  mock.timers.reset();
});

describe('useNow', () => {
  it('advances every interval while active', async () => {
    harness = renderInk(<Clock active label="run" />);
    await harness.waitForText('run now 1000');
    mock.timers.tick(100);
    await harness.waitForText('run now 1100');
    mock.timers.tick(100);
    await harness.waitForText('run now 1200');
  });

  it('runs no timer while inactive, and starts from the current time when activated', async () => {
    harness = renderInk(<Clock active={false} label="idle" />);
    await harness.waitForText('idle now 1000');
    mock.timers.tick(500);
    harness.rerender(<Clock active={false} label="still" />);
    assert.match(await harness.waitForText('still'), /still now 1000/);

    harness.rerender(<Clock active label="go" />);
    await harness.waitForText('go now 1500');
  });
});
