import assert from 'node:assert/strict';
import {PassThrough} from 'node:stream';
import {test} from 'node:test';
import {askConfirmation} from '../../src/commands/confirm.js';

function streams() {
  const input = new PassThrough();
  const output = new PassThrough();
  let printed = '';
  output.on('data', (chunk: Buffer) => (printed += chunk.toString('utf8')));
  return {input, output, printed: () => printed};
}

test('only a typed "yes" confirms', async () => {
  for (const [typed, expected] of [
    ['yes\n', 'yes'],
    ['  YES \n', 'yes'],
    ['y\n', 'no'],
    ['\n', 'no'],
  ] as const) {
    const {input, output, printed} = streams();
    const answer = askConfirmation('Go on? ', new AbortController().signal, input, output);
    input.write(typed);
    assert.equal(await answer, expected, JSON.stringify(typed));
    assert.match(printed(), /^Go on\? /);
  }
});

test('input that ends unanswered cancels, and ends the question line', async () => {
  const {input, output, printed} = streams();
  const answer = askConfirmation('Go on? ', new AbortController().signal, input, output);
  input.end();
  assert.equal(await answer, 'cancelled');
  assert.ok(printed().endsWith('\n'), JSON.stringify(printed()));
});

test('the signal cancels a pending question', async () => {
  const {input, output, printed} = streams();
  const controller = new AbortController();
  const answer = askConfirmation('Go on? ', controller.signal, input, output);
  controller.abort();
  assert.equal(await answer, 'cancelled');
  assert.ok(printed().endsWith('\n'));
});
