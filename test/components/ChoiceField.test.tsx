import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {ChoiceField} from '../../src/components/ChoiceField.js';
import {renderView} from '../helpers/render-view.js';

const options = [
  {value: 'ldaps', label: 'LDAPS (636)'},
  {value: 'starttls', label: 'StartTLS'},
];

describe('ChoiceField', () => {
  it('shows the chosen option between arrows, with > when focused', () => {
    const frame = renderView(
      <ChoiceField label="TLS" options={options} value="starttls" focused labelWidth={5} />,
    );
    assert.equal(frame, '>  TLS   < StartTLS >');
  });

  it('marks a problem with ! and explains it on the next line', () => {
    const frame = renderView(
      <ChoiceField
        label="TLS"
        options={options}
        value="ldaps"
        focused={false}
        error="The server offers no TLS."
      />,
    );
    assert.equal(frame, ' ! TLS < LDAPS (636) >\n    The server offers no TLS.');
  });
});
