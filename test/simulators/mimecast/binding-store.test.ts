import assert from 'node:assert/strict';
import {test} from 'node:test';
import {BindingStore} from '../../../src/simulators/mimecast/binding-store.js';

const email = 'admin@contoso.example';
const appId = 'app-1';
const now = Date.parse('2026-05-04T08:00:00Z');
const hour = 60 * 60_000;

test('the cap counts live bindings only: expired ones leave room for new ones', () => {
  const store = new BindingStore(2);
  assert.ok(store.mint(email, appId, now + hour, now));
  assert.ok(store.mint(email, appId, null, now));
  assert.equal(store.mint(email, appId, now + hour, now), null, 'the cap holds while both live');

  // An hour on, the first has expired; the never-expiring one still counts.
  const later = now + hour;
  assert.deepEqual(
    store.liveForUser(email, later).map((binding) => binding.expiresAt),
    [null],
  );
  const third = store.mint(email, appId, later + hour, later);
  assert.ok(third, 'an expired binding still took a place under the cap');
  assert.equal(store.forUser(email).length, 3, 'the expired binding is kept, to be refreshed');
  assert.equal(store.mint(email, appId, later + hour, later), null);
});

test('an expired binding comes back by a refresh only when the cap has room for it', () => {
  const store = new BindingStore(1);
  const first = store.mint(email, appId, now + hour, now);
  assert.ok(first);
  const later = now + 2 * hour;
  assert.equal(store.mayRefresh(first, later), true, 'alone, it may come back');

  const second = store.mint(email, appId, null, later);
  assert.ok(second);
  assert.equal(store.mayRefresh(second, later), true, 'a live binding is always refreshed');
  assert.equal(store.mayRefresh(first, later), false, 'it would make two live bindings');
});
