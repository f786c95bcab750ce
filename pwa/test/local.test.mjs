import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb, happyServer } from '../testlib/helpers.mjs';
import * as db from '../src/lib/db.js';
import * as local from '../src/lib/local.js';
import * as outbox from '../src/lib/outbox.js';
import * as sync from '../src/lib/sync.js';
import * as users from '../src/lib/users.js';

beforeEach(async () => {
  await freshDb();
  await users.saveSignIn({ user: { username: 'n1', role: 'nurse', scope: 'U01' }, token: 't1', expires_at: '' });
  await db.putMany('children', [
    { id: 'c1', name: '王小明', birth_date: '2025-03-01', certificate_no: 'C-001', guardian_name: '王大明' },
    { id: 'c2', name: '李小红', birth_date: '2024-07-15', certificate_no: 'c-002', guardian_name: '李大红' },
    { id: 'c3', name: '张三', birth_date: '2023-01-02', certificate_no: null, guardian_name: '' }]);
});

const names = async (q) => (await local.searchChildren(q)).map((c) => c.name);
const tick = () => new Promise((r) => setTimeout(r, 20));

test('search finds children by name, birth date, certificate or guardian, case-insensitive, sorted by name', async () => {
  assert.deepEqual(await names(''), ['李小红', '王小明', '张三']);
  assert.deepEqual(await names('小'), ['李小红', '王小明']);
  assert.deepEqual(await names('2024-07'), ['李小红']);
  assert.deepEqual(await names('C-00'), ['李小红', '王小明']);
  assert.deepEqual(await names('大明'), ['王小明']);
  assert.deepEqual(await names('nobody'), []);
});

test('a child registered on the phone is found by the next search', async () => {
  assert.deepEqual(await names('赵'), []);
  await outbox.enqueue({ kind: 'child', captured_by: 'n1', data: { name: '赵小六', birth_date: '2025-01-01' } });
  assert.deepEqual(await names('赵'), ['赵小六']);
});

test('a pulled page that renames a child changes what the next search finds', async () => {
  assert.deepEqual(await names('王'), ['王小明']);
  const changes = [{ kind: 'child', id: 'c1', rev: 2, data: { name: '周小明', birth_date: '2025-03-01' } }];
  const fetch = happyServer((req) => req.path.endsWith('/pull') && { status: 200,
    body: { cursor: 'k1', has_more: false, changes } });
  await sync.syncNow({ fetchImpl: fetch });
  assert.deepEqual(await names('王'), []);
  assert.deepEqual(await names('周'), ['周小明']);
});

test('a change written in another context (the service worker) is announced and found by the next search', async () => {
  assert.deepEqual(await names('钱'), []);
  const conn = await db.getDb(); // written as another context would: past this module's own write functions
  await conn.put('children', { id: 'c9', name: '钱小九' });
  const other = new BroadcastChannel('immuqc-db');
  other.postMessage(['children']);
  other.close();
  await tick();
  assert.deepEqual(await names('钱'), ['钱小九']);
});
