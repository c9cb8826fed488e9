import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {Box} from 'ink';
import {StepPanel} from '../../src/components/StepPanel.js';
import type {StepPanelStatus} from '../../src/components/StepPanel.js';
import {asciiSymbols} from '../../src/components/symbols.js';
import {renderView, unicodeCaps} from '../helpers/render-view.js';

const title = 'Find the Mimecast account';

function panel(status: StepPanelStatus, now = 0) {
  return renderView(<StepPanel number={1} title={title} status={status} now={now} />);
}

describe('StepPanel', () => {
  it('shows a waiting step as [ ]', () => {
    assert.equal(panel({kind: 'waiting'}), '[ ] 1. Find the Mimecast account');
  });

  it('shows a running step with a spinner frame and whole elapsed seconds', () => {
    const frame = panel({kind: 'running', startedAt: 1000}, 4300);
    assert.equal(frame, '[\\] 1. Find the Mimecast account 3s');
  });

  it('advances the spinner through the ASCII frames as time passes', () => {
    const interval = asciiSymbols.spinnerIntervalMs;
    const markers = [0, 1, 2, 3, 4].map((tick) =>
      panel({kind: 'running', startedAt: 0}, tick * interval).slice(0, 3),
    );
    assert.deepEqual(markers, ['[-]', '[\\]', '[|]', '[/]', '[-]']);
  });

  it('shows a passed step with its duration and its one-line fact', () => {
    const frame = panel({kind: 'passed', fact: 'Contoso Ltd (CUK12A34), region eu', ms: 412});
    assert.equal(
      frame,
      '[+] 1. Find the Mimecast account (412 ms) - Contoso Ltd (CUK12A34), region eu',
    );
  });

  it('shows a failed step on three lines: the step, what went wrong, the fix', () => {
    const frame = panel({
      kind: 'failed',
      message: 'The directory refused the service account password (data 52e).',
      fix: 'Check the service account password and type it again.',
    });
    assert.deepEqual(frame.split('\n'), [
      '[x] 1. Find the Mimecast account - failed',
      '    The directory refused the service account password (data 52e).',
      '    Fix: Check the service account password and type it again.',
    ]);
  });

  it('shows a skipped step with its reason', () => {
    const frame = panel({kind: 'skipped', reason: 'step 3 failed'});
    assert.equal(frame, '[-] 1. Find the Mimecast account - skipped: step 3 failed');
  });

  it('uses check marks and a braille spinner where Unicode draws', () => {
    const passed = renderView(
      <StepPanel
        number={2}
        title="Register"
        status={{kind: 'passed', fact: 'ok', ms: 1500}}
        now={0}
      />,
      unicodeCaps,
    );
    assert.equal(passed, '[✓] 2. Register (1.5 s) · ok');
    const running = renderView(
      <StepPanel number={2} title="Register" status={{kind: 'running', startedAt: 0}} now={0} />,
      unicodeCaps,
    );
    assert.equal(running, '[⠋] 2. Register 0s');
  });

  it('keeps five failed panels within 15 lines of 80 columns, however long the text', () => {
    const long = 'The server said something long and winding. '.repeat(4);
    const frame = renderView(
      <Box flexDirection="column">
        {[1, 2, 3, 4, 5].map((number) => (
          <StepPanel
            key={number}
            number={number}
            title={title}
            status={{kind: 'failed', message: long, fix: long}}
            now={0}
          />
        ))}
      </Box>,
    );
    const lines = frame.split('\n');
    assert.equal(lines.length, 15);
    for (const line of lines) assert.ok(line.length <= 80, line);
    assert.ok(lines[1]?.endsWith('...'), lines[1]);
  });
});
