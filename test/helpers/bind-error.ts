import assert from 'node:assert/strict';
import {BindError, type ErrorClass} from '../../src/bind/errors.js';

/** Awaits a promise that must fail with a BindError of the given class, and returns it. */
export async function rejectsWithClass(
  promise: Promise<unknown>,
  errorClass: ErrorClass,
): Promise<BindError> {
  try {
    await promise;
  } catch (error) {
    assert.ok(error instanceof BindError, `expected a BindError, got ${String(error)}`);
    assert.equal(error.errorClass, errorClass, `class of: ${error.message}`);
    return error;
  }
  assert.fail(`expected a '${errorClass}' failure, but the call succeeded`);
}
