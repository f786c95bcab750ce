import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../testlib/helpers.mjs';
import * as users from '../src/lib/users.js';

beforeEach(freshDb);

const signIn = (pin) => users.saveSignIn({ user: { username: 'n1', role: 'nurse', scope: 'U01' }, token: 't1',
  expires_at: '' }, pin);

test('five wrong PINs in a row disable the PIN: even the right one no longer unlocks', async () => {
  await signIn('2468');
  for (let i = 0; i < users.MAX_PIN_FAILURES; i += 1) assert.equal(await users.unlock('n1', '0000'), false);
  assert.equal(await users.pinTriesLeft('n1'), 0);
  assert.equal(await users.unlock('n1', '2468'), false);
  const row = await users.getUser('n1');
  assert.equal(row.pin_hash, null);
  assert.equal(row.token, 't1'); // the token and the records stay; only the PIN is gone
});

test('a right PIN resets the count, and a new sign-in sets a new PIN', async () => {
  await signIn('2468');
  for (let i = 0; i < users.MAX_PIN_FAILURES - 1; i += 1) await users.unlock('n1', '0000');
  assert.equal(await users.pinTriesLeft('n1'), 1);
  assert.equal(await users.unlock('n1', '2468'), true);
  assert.equal(await users.pinTriesLeft('n1'), users.MAX_PIN_FAILURES);
  for (let i = 0; i < users.MAX_PIN_FAILURES; i += 1) await users.unlock('n1', '0000');
  await signIn('1357');
  assert.equal(await users.unlock('n1', '1357'), true);
});
