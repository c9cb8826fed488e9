import {before, describe, it} from 'node:test';
import assert from 'node:assert/strict';
import type {ReactElement} from 'react';
import type {TerminalCaps} from '../../src/components/terminal-caps.js';

/**
 * Chalk decides once, when Ink is first imported, whether to emit styles; the test runner turns
 * them off. This file turns them on before importing anything that loads Ink, so the raw
 * escape codes can be checked. (Each test file runs in its own process.)
 */
process.env['FORCE_COLOR'] = '1';

let renderRaw: (view: ReactElement, caps: TerminalCaps) => string;
let views: {
  TextField: typeof import('../../src/components/TextField.js').TextField;
  StepPanel: typeof import('../../src/components/StepPanel.js').StepPanel;
  PlayControl: typeof import('../../src/components/PlayControl.js').PlayControl;
  ChoiceField: typeof import('../../src/components/ChoiceField.js').ChoiceField;
};

before(async () => {
  renderRaw = (await import('../helpers/render-view.js')).renderRawView;
  views = {
    TextField: (await import('../../src/components/TextField.js')).TextField,
    StepPanel: (await import('../../src/components/StepPanel.js')).StepPanel,
    PlayControl: (await import('../../src/components/PlayControl.js')).PlayControl,
    ChoiceField: (await import('../../src/components/ChoiceField.js')).ChoiceField,
  };
});

const inverse = (text: string) => `\u001B[7m${text}\u001B[27m`;

/** SGR parameters that set a foreground or background colour. */
function colourCodes(raw: string): string[] {
  // eslint-disable-next-line no-control-regex
  const params = [...raw.matchAll(/\u001B\[([0-9;]*)m/gu)].flatMap((match) =>
    (match[1] ?? '').split(';'),
  );
  return params.filter((param) => /^(3[0-8]|4[0-8]|9[0-7]|10[0-7])$/.test(param));
}

function sampler() {
  const {TextField, StepPanel, PlayControl, ChoiceField} = views;
  return (
    <>
      <TextField label="Port" field={{value: 'x', cursor: 1}} focused error="Not a number." />
      <ChoiceField label="TLS" options={[]} value="ldaps" focused={false} error="No." />
      <StepPanel number={1} title="Find" status={{kind: 'running', startedAt: 0}} now={0} />
      <StepPanel number={2} title="Bind" status={{kind: 'passed', fact: 'ok', ms: 1}} now={0} />
      <StepPanel number={3} title="Dir" status={{kind: 'failed', message: 'm', fix: 'f'}} now={0} />
      <PlayControl state="running" />
    </>
  );
}

describe('styled output', () => {
  it('draws the cursor in inverse video on the character under it', () => {
    const {TextField} = views;
    const caps = {unicode: false, color: true};
    const middle = renderRaw(
      <TextField label="Host" field={{value: 'abcd', cursor: 2}} focused />,
      caps,
    );
    assert.ok(middle.includes('ab' + inverse('c') + 'd'), JSON.stringify(middle));
    const end = renderRaw(
      <TextField label="Host" field={{value: 'é😀', cursor: 2}} focused />,
      caps,
    );
    assert.ok(end.includes('é😀' + inverse(' ')), JSON.stringify(end));
  });

  it('puts no colour on the screen with NO_COLOR, but keeps focus and cursor visible', () => {
    const raw = renderRaw(sampler(), {unicode: false, color: false});
    assert.deepEqual(colourCodes(raw), []);
    assert.ok(raw.includes(inverse(' ')), 'cursor still drawn');
  });

  it('uses colour when it is allowed (so the check above can fail)', () => {
    const raw = renderRaw(sampler(), {unicode: false, color: true});
    assert.ok(colourCodes(raw).includes('31'), JSON.stringify(raw));
  });
});
