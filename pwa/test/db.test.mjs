import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../testlib/helpers.mjs';
import * as db from '../src/lib/db.js';

beforeEach(freshDb);

test('opening the database creates every store the app needs', async () => {
  const conn = await db.getDb();
  for (const name of ['drafts', 'outbox', 'needs_fixing', 'conflicts', 'reference', 'children', 'records', 'tasks',
    'users', 'meta']) assert.ok(conn.objectStoreNames.contains(name), name);
});

test('move puts the value in the target store and removes it from the source atomically', async () => {
  await db.put('outbox', { id: 'a', seq: 1, captured_by: 'n1' });
  await db.move('outbox', 'needs_fixing', 'a', { id: 'a', errors: { name: ['必填'] } });
  assert.equal(await db.get('outbox', 'a'), undefined);
  assert.deepEqual((await db.get('needs_fixing', 'a')).errors, { name: ['必填'] });
});

test('meta values round-trip and fall back when missing', async () => {
  assert.equal(await db.getMeta('x', 7), 7);
  await db.setMeta('x', { a: 1 });
  assert.deepEqual(await db.getMeta('x'), { a: 1 });
});
