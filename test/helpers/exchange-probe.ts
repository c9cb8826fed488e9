import assert from 'node:assert/strict';
import {setTimeout as sleep} from 'node:timers/promises';

import {BindError} from '../../src/bind/errors.js';
import type {ExchangeValidationOptions} from '../../src/bind/exchange.js';
import type {ExchangeSettings} from '../../src/bind/settings.js';
import {demoFixture} from '../../src/simulators/demo-fixture.js';
import {assertNoSecret} from './assert-no-secret.js';
import {loopbackTls} from './loopback-tls.js';
import {caFileOf} from './mimecast-demo.js';

export const exchangeUser = demoFixture.exchange.user;
export const exchangePassword = demoFixture.exchange.password;

/** Exchange settings for a simulator's EWS URL, Basic and own mailbox unless changed. */
export function exchangeSettings(
  ewsUrl: string,
  changes: Partial<ExchangeSettings> = {},
): ExchangeSettings {
  return {
    ewsUrl,
    authScheme: 'basic',
    user: exchangeUser,
    accessMode: 'own',
    mailbox: '',
    ...changes,
  };
}

/**
 * Options for a probe that must not depend on the machine: a live signal and an empty
 * environment, so an HTTPS_PROXY on the test machine never reroutes loopback traffic. The
 * loopback test certificate is trusted through the CA file setting, as the simulators serve
 * HTTPS with it (and the probe speaks nothing else); `caFile: ''` trusts the system CAs only.
 */
export function probeOptions(
  changes: Partial<ExchangeValidationOptions> = {},
): ExchangeValidationOptions {
  return {
    signal: new AbortController().signal,
    env: {},
    caFile: caFileOf(loopbackTls.cert),
    ...changes,
  };
}

/** Expects a BindError of the given class with a fix, naming no secret; returns it. */
export async function expectBindFailure(
  run: Promise<unknown>,
  errorClass: BindError['errorClass'],
  secrets: readonly string[] = [exchangePassword],
): Promise<BindError> {
  const error = await run.then(
    () => assert.fail('expected the validation to fail'),
    (caught: unknown) => caught,
  );
  assert.ok(error instanceof BindError, `not a BindError: ${String(error)}`);
  assert.equal(error.errorClass, errorClass, error.message);
  assert.ok(error.fix.length > 0);
  assertNoSecret(error, secrets);
  return error;
}

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) assert.fail('condition not met in time');
    await sleep(10);
  }
}
