import assert from 'node:assert/strict';
import {after, before, beforeEach, test} from 'node:test';
import {registerBinding} from '../../../src/bind/mimecast/index.js';
import {
  startMimecastSimulator,
  type MimecastSimulator,
} from '../../../src/simulators/mimecast/index.js';
import {rejectsWithClass} from '../../helpers/bind-error.js';
import {demoBindArgs, demoMimecast} from '../../helpers/mimecast-demo.js';

/**
 * A 403 names what the refused call needs from the client's own knowledge of the call, and the
 * fix lists the whole role a binding needs, whatever the server's reply says.
 */
const admin = demoMimecast.admin;
/** Escaped for a RegExp: the texts hold `|` and parentheses. */
function literally(text: string): RegExp {
  return new RegExp(text.replace(/[|()]/g, '\\$&'));
}
const fullRole = literally(
  'Basic Administrator role, or a custom role with Account | Dashboard (read and edit) and ' +
    'Services | Exchange Services (read and edit)',
);
const getAccountNeeds = literally(
  'the get-account call needs Account | Dashboard read, and Mimecast checks the rest of a ' +
    "binding's role on it too (Account | Dashboard edit and Services | Exchange Services read " +
    'and edit)',
);
let simulator: MimecastSimulator;

before(async () => {
  simulator = await startMimecastSimulator();
});
after(async () => {
  await simulator.close();
});
beforeEach(() => {
  simulator.setRoles(admin.email, ['Basic Administrator']);
});

test('a user without any role: get-account is refused, naming what it needs', async () => {
  simulator.setRoles(admin.email, []);
  const error = await rejectsWithClass(registerBinding(demoBindArgs(simulator)), 'permission');
  assert.match(
    error.message,
    /^Mimecast account check at [\d.:]+: admin@contoso\.example signed in/,
  );
  assert.match(error.message, getAccountNeeds);
  assert.match(error.fix, fullRole);
  assert.equal(error.setting, 'email');
});

test('a read-only role lacks the edits a binding needs: call and role are named', async () => {
  simulator.setRoles(admin.email, ['Basic Read Only']);
  const error = await rejectsWithClass(registerBinding(demoBindArgs(simulator)), 'permission');
  assert.match(error.message, getAccountNeeds);
  assert.match(error.fix, fullRole);
});

test('a 403 whose reply names no permission still says what the call needs', async () => {
  simulator.failNext('/api/account/get-account', {
    status: 403,
    headers: {'Content-Type': 'application/json'},
    body: JSON.stringify({meta: {status: 403}, data: [], fail: [{errors: [{code: 'err_x'}]}]}),
  });
  const error = await rejectsWithClass(registerBinding(demoBindArgs(simulator)), 'permission');
  assert.match(error.message, getAccountNeeds);
  assert.doesNotMatch(error.message, /role lacks/, 'the text came from the server');
  assert.match(error.fix, fullRole);
});

test('a custom role with exactly the permissions named binds', async () => {
  simulator.setRoles(admin.email, [
    {
      name: 'MSE binder',
      permissions: [
        'Account | Dashboard: Read',
        'Account | Dashboard: Edit',
        'Services | Exchange Services: Read',
        'Services | Exchange Services: Edit',
      ],
    },
  ]);
  const {account} = await registerBinding(demoBindArgs(simulator));
  assert.equal(account.code, demoMimecast.accountCode);
});
