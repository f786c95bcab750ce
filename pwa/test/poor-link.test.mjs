// Sync on a poor link: a request that hangs is given up after its timeout (and retried like any network failure);
// a 413 splits the batch and sends the halves instead of stopping the sync.
import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, happyServer } from '../testlib/helpers.mjs';
import * as api from '../src/lib/api.js';
import * as outbox from '../src/lib/outbox.js';
import * as sync from '../src/lib/sync.js';
import * as users from '../src/lib/users.js';

beforeEach(async () => {
  await freshDb();
  await users.saveSignIn({ user: { username: 'n1', role: 'nurse', scope: 'U01' }, token: 't1', expires_at: '' });
});

const add = () => outbox.enqueue({ kind: 'child', captured_by: 'n1', data: { name: 'x' } });

test('a request with no answer is given up after its timeout as a network failure', async () => {
  let aborted = false;
  const hang = (url, opts) => new Promise((resolve, reject) => opts.signal?.addEventListener('abort', () => {
    aborted = true;
    reject(new Error('aborted'));
  }));
  await assert.rejects(api.request('/sync/pull', { fetchImpl: hang, timeoutMs: 30 }), api.NetworkError);
  assert.ok(aborted);
});

test('every request carries a timeout by default', () => {
  assert.ok(api.TIMEOUT_MS > 0 && api.TIMEOUT_MS <= 60000);
});

test('a 413 splits the batch: every record is sent in smaller pushes and the sync goes on', async () => {
  for (let i = 0; i < 5; i++) await add();
  const sizes = [];
  const fetch = happyServer((req) => {
    if (!req.path.endsWith('/push')) return null;
    sizes.push(req.body.items.length);
    if (req.body.items.length > 2) return { status: 413, body: { title: 'too large', max_items: 2 } };
    return { status: 200, body: { results: req.body.items.map((i) => ({ id: i.id, status: 'created', rev: 1 })) } };
  });
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.equal(result.stop, null);
  assert.equal(result.sent, 5);
  assert.equal((await outbox.list()).length, 0);
  assert.deepEqual(sizes, [5, 2, 2, 1]);
});

test('a single record still too large stops with the reason and is kept', async () => {
  await add();
  const fetch = happyServer((req) => req.path.endsWith('/push') && { status: 413, body: { title: 'too large' } });
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.equal(result.stop, 'bad_request');
  assert.equal((await outbox.list()).length, 1);
});
