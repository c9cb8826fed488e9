import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {Box} from 'ink';
import {ChoiceField} from '../../src/components/ChoiceField.js';
import {KeyHints} from '../../src/components/KeyHints.js';
import {PlayControl} from '../../src/components/PlayControl.js';
import {StepPanel} from '../../src/components/StepPanel.js';
import {TextField} from '../../src/components/TextField.js';
import {fieldFromValue} from '../../src/components/text-field-state.js';
import {TerminalCapsProvider} from '../../src/components/use-terminal-caps.js';
import {renderInk} from '../helpers/ink-harness.js';
import {asciiCaps, renderView, unicodeCaps} from '../helpers/render-view.js';

const long = 'A very long explanation that cannot fit on one line of the terminal at all. '.repeat(
  3,
);

/** Every component, every state, and text long enough to be cut at the edge. */
function Everything() {
  return (
    <Box flexDirection="column">
      <TextField label="Directory server" field={fieldFromValue(long)} focused error={long} />
      <TextField label="Password" field={fieldFromValue('secret')} focused={false} masked />
      <ChoiceField
        label="Directory type"
        options={[{value: 'ad', label: 'Active Directory'}]}
        value="ad"
        focused
        error
      />
      <StepPanel number={1} title="Find" status={{kind: 'waiting'}} now={0} />
      {[0, 1, 2, 3].map((tick) => (
        <StepPanel
          key={tick}
          number={2}
          title="Register"
          status={{kind: 'running', startedAt: 0}}
          now={tick * 130}
        />
      ))}
      <StepPanel
        number={3}
        title="Directory"
        status={{kind: 'passed', fact: long, ms: 5}}
        now={0}
      />
      <StepPanel
        number={4}
        title="Exchange"
        status={{kind: 'failed', message: long, fix: long}}
        now={0}
      />
      <StepPanel number={5} title="Save" status={{kind: 'skipped', reason: long}} now={0} />
      <KeyHints hints={[{key: 'Enter', action: long}]} />
      <PlayControl state="paused" />
      <PlayControl state="running" focused />
      <PlayControl state="starting" />
    </Box>
  );
}

const nonAscii = /[^\n\x20-\x7e]/u;

describe('ASCII mode', () => {
  it('draws nothing but printable ASCII, truncation marks included', () => {
    const frame = renderView(<Everything />, asciiCaps, 60);
    assert.doesNotMatch(frame, nonAscii, frame.match(nonAscii)?.[0]);
    assert.match(frame, /\.\.\.$/m);
  });

  it('is what a Unicode terminal would not get (the check is not vacuous)', () => {
    const frame = renderView(<Everything />, unicodeCaps, 60);
    assert.match(frame, nonAscii);
  });

  it('draws only ASCII through a real Ink render too', async () => {
    const harness = renderInk(
      <TerminalCapsProvider value={asciiCaps}>
        <Everything />
      </TerminalCapsProvider>,
      {columns: 60, rows: 40},
    );
    try {
      const frame = await harness.waitForText('Start');
      assert.doesNotMatch(frame, nonAscii);
    } finally {
      harness.unmount();
    }
  });
});
