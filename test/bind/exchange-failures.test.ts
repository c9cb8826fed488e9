import assert from 'node:assert/strict';
import {after, before, describe, it} from 'node:test';

import type {BindError} from '../../src/bind/errors.js';
import {
  entraFailureTable,
  ewsFailureTable,
  startMatrixSite,
  transientCause,
  type MatrixRow,
  type MatrixSite,
} from '../helpers/exchange-failure-matrix.js';

/**
 * Every row of the EWS failure table, and Entra ID's sign-in failures, driven through
 * validateExchange against the simulators: each must come out with its own class, field and
 * message, and with a fix of its own unless the table gives two rows the same cause.
 */
describe('validateExchange: the EWS failure table', () => {
  let site: MatrixSite;
  const errors = new Map<MatrixRow, BindError>();
  const rows = [...ewsFailureTable, ...entraFailureTable];

  before(async () => {
    site = await startMatrixSite();
  });
  after(() => site.close());

  for (const row of rows) {
    it(`${row.name}: ${row.errorClass}, fix at ${row.setting}`, async () => {
      const error = await site.validate(await site.prepare(row));
      assert.equal(error.errorClass, row.errorClass, error.message);
      assert.equal(error.setting, row.setting, error.message);
      assert.match(error.message, row.message);
      if (row.fix !== undefined) assert.match(error.fix, row.fix);
      errors.set(row, error);
    });
  }

  it('gives every row its own message', () => {
    assert.equal(errors.size, rows.length);
    const messages = [...errors.values()].map((error) => error.message);
    assert.equal(new Set(messages).size, rows.length, messages.join('\n'));
  });

  it('gives rows of different causes different fixes, not just other names in them', () => {
    assert.equal(errors.size, rows.length);
    for (const [row, error] of errors) {
      for (const [other, otherError] of errors) {
        if (row.cause === other.cause) continue;
        assert.notEqual(
          fixShape(error.fix),
          fixShape(otherError.fix),
          `${row.name} / ${other.name}`,
        );
      }
    }
  });

  it('gives the transient codes the one fix of the transient rule', () => {
    const transient = [...errors].filter(([row]) => row.cause === transientCause);
    assert.equal(transient.length, 4);
    assert.equal(new Set(transient.map(([, error]) => error.fix)).size, 1);
  });
});

/** A fix with the row's own names (addresses, app ids, hosts) taken out. */
function fixShape(fix: string): string {
  return fix
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '<address>')
    .replace(/\b[0-9a-f]{8}(?:-[0-9a-f]{4}){3}-[0-9a-f]{12}\b/gi, '<app id>')
    .replace(/\b[\w.-]+:\d+\b/g, '<host>');
}
