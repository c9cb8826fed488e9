import assert from 'node:assert/strict';
import {inspect} from 'node:util';

/**
 * Fails when any secret, or its base64 form (as in a Basic Authorization header), shows in an
 * error's message, its fix, or anywhere in the error as a log line would print it (causes
 * included).
 */
export function assertNoSecret(error: unknown, secrets: readonly string[]): void {
  const fix = (error as {fix?: unknown}).fix;
  const printed = [
    error instanceof Error ? error.message : '',
    typeof fix === 'string' ? fix : '',
    String(error),
    inspect(error, {depth: 10, showHidden: true}),
  ].join('\n');

  for (const secret of secrets) {
    assert.ok(secret.length > 0, 'an empty secret proves nothing');
    assert.ok(!printed.includes(secret), `a secret leaked into: ${printed.slice(0, 200)}`);
    const encoded = Buffer.from(secret, 'utf8').toString('base64');
    assert.ok(!printed.includes(encoded), 'a base64-encoded secret leaked');
  }
}
