import {describe, it} from 'node:test';
import assert from 'node:assert/strict';
import {choiceLabel, cycleChoice, editChoice} from '../../src/components/choice-state.js';
import type {ChoiceOption} from '../../src/components/choice-state.js';
import {inkKey} from '../../src/components/ink-key.js';

type Directory = 'active-directory' | 'ldap' | 'domino';
const options: readonly ChoiceOption<Directory>[] = [
  {value: 'active-directory', label: 'Active Directory'},
  {value: 'ldap', label: 'LDAP (OpenLDAP, 389 DS)'},
  {value: 'domino', label: 'Domino'},
];

describe('cycleChoice', () => {
  it('steps forward and back, wrapping at both ends', () => {
    assert.equal(cycleChoice(options, 'active-directory', 1), 'ldap');
    assert.equal(cycleChoice(options, 'domino', 1), 'active-directory');
    assert.equal(cycleChoice(options, 'active-directory', -1), 'domino');
  });

  it('starts over from an unknown value, and leaves a value alone without options', () => {
    assert.equal(cycleChoice(options, 'other' as Directory, 1), 'active-directory');
    assert.equal(cycleChoice(options, 'other' as Directory, -1), 'domino');
    assert.equal(cycleChoice([], 'ldap', 1), 'ldap');
  });
});

describe('editChoice', () => {
  it('cycles with right, left and space', () => {
    assert.equal(editChoice(options, 'ldap', '', inkKey({rightArrow: true})).value, 'domino');
    assert.equal(
      editChoice(options, 'ldap', '', inkKey({leftArrow: true})).value,
      'active-directory',
    );
    assert.equal(editChoice(options, 'ldap', ' ', inkKey()).value, 'domino');
  });

  it('jumps to the next option whose label starts with a typed letter', () => {
    assert.equal(editChoice(options, 'active-directory', 'd', inkKey()).value, 'domino');
    assert.equal(editChoice(options, 'domino', 'L', inkKey()).value, 'ldap');
    assert.equal(editChoice(options, 'domino', 'z', inkKey()).value, 'domino');
  });

  it('applies a type-ahead chunk in order and submits at its line break', () => {
    const edit = editChoice(options, 'active-directory', '  \r ', inkKey());
    assert.deepEqual(edit, {value: 'domino', submitted: true});
    assert.deepEqual(editChoice(options, 'ldap', '', inkKey({return: true})), {
      value: 'ldap',
      submitted: true,
    });
  });

  it('ignores Ctrl and Alt letters, Esc and Tab', () => {
    for (const key of [{ctrl: true}, {meta: true}, {escape: true}, {tab: true}]) {
      assert.deepEqual(editChoice(options, 'ldap', 'd', inkKey(key)), {
        value: 'ldap',
        submitted: false,
      });
    }
  });
});

describe('choiceLabel', () => {
  it('names the chosen option, or shows the raw value when it is not listed', () => {
    assert.equal(choiceLabel(options, 'domino'), 'Domino');
    assert.equal(choiceLabel(options, 'x' as Directory), 'x');
  });
});
