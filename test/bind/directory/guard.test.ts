import assert from 'node:assert/strict';
import {describe, it} from 'node:test';

import {BindError} from '../../../src/bind/errors.js';
import {DeadlineError, guard} from '../../../src/bind/directory/guard.js';

const never = new Promise<never>(() => undefined);

describe('guard', () => {
  it('passes the value and the error of the operation through', async () => {
    let stops = 0;
    const options = {signal: new AbortController().signal, timeoutMs: 1000, onStop: () => stops++};
    assert.equal(await guard(() => Promise.resolve(7), options), 7);
    await assert.rejects(
      guard(() => Promise.reject(new Error('boom')), options),
      /boom/,
    );
    assert.equal(stops, 0);
  });

  it('rejects with cancelled and stops the operation on abort', async () => {
    const controller = new AbortController();
    let stops = 0;
    const run = guard(() => never, {
      signal: controller.signal,
      timeoutMs: 10_000,
      onStop: () => stops++,
    });
    controller.abort();
    await assert.rejects(
      run,
      (error) => error instanceof BindError && error.errorClass === 'cancelled',
    );
    assert.equal(stops, 1);
  });

  it('starts nothing when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    let stops = 0;
    let started = false;
    await assert.rejects(
      guard(
        () => {
          started = true;
          return Promise.resolve(1);
        },
        {signal: controller.signal, timeoutMs: 10, onStop: () => stops++},
      ),
      (error) => error instanceof BindError && error.errorClass === 'cancelled',
    );
    assert.equal(stops, 1);
    assert.equal(started, false);
  });

  it('rejects with a DeadlineError when the operation overruns', async () => {
    let stops = 0;
    const signal = new AbortController().signal;
    await assert.rejects(
      guard(() => never, {signal, timeoutMs: 20, onStop: () => stops++}),
      (error) => {
        return error instanceof DeadlineError && error.timeoutMs === 20;
      },
    );
    assert.equal(stops, 1);
  });

  it('swallows the late rejection of an abandoned operation', async () => {
    const controller = new AbortController();
    let fail: (error: Error) => void = () => undefined;
    const late = new Promise<never>((_, reject) => (fail = reject));
    const run = guard(() => late, {
      signal: controller.signal,
      timeoutMs: 1000,
      onStop: () => undefined,
    });
    controller.abort();
    await assert.rejects(run);
    fail(new Error('socket closed'));
    // An unhandled rejection would fail this file; give it the chance to surface.
    await new Promise((resolve) => setImmediate(resolve));
  });
});
