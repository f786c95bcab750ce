import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { fakeFetch, freshDb, happyServer } from '../testlib/helpers.mjs';
import * as db from '../src/lib/db.js';
import * as outbox from '../src/lib/outbox.js';
import * as sync from '../src/lib/sync.js';
import * as users from '../src/lib/users.js';

beforeEach(async () => {
  await freshDb();
  await users.saveSignIn({ user: { username: 'n1', role: 'nurse', scope: 'U01' }, token: 't1', expires_at: '' });
  await users.saveSignIn({ user: { username: 'n2', role: 'nurse', scope: 'U01' }, token: 't2', expires_at: '' });
});

const add = (by = 'n1', data = {}) => outbox.enqueue({ kind: 'child', captured_by: by, data: { name: 'x', ...data } });
const pushes = (fetch) => fetch.calls.filter((c) => c.path.endsWith('/sync/push'));

test('created, duplicate and updated leave the outbox; the record is marked synced with its rev', async () => {
  const [a, b, c] = [await add(), await add(), await add()];
  const verdicts = { [a.id]: 'created', [b.id]: 'duplicate', [c.id]: 'updated' };
  const fetch = happyServer((req) => req.path.endsWith('/push') && { status: 200, body: {
    results: req.body.items.map((i) => ({ id: i.id, status: verdicts[i.id], rev: 2 })) } });
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.equal(result.sent, 3);
  assert.equal((await outbox.list()).length, 0);
  assert.deepEqual([(await db.get('children', a.id))._local, (await db.get('children', a.id)).rev], [null, 2]);
  assert.ok((await sync.getStatus()).last_success_at);
});

test('a 500 keeps every record and records the failure; nothing is marked synced', async () => {
  await add(); await add();
  const fetch = fakeFetch(() => ({ status: 500, body: { title: 'boom' } }));
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.equal(result.stop, 'server');
  assert.equal((await outbox.list()).length, 2);
  const status = await sync.getStatus();
  assert.equal(status.last_error, 'server');
  assert.equal(status.last_success_at, null);
});

test('a network failure keeps every record', async () => {
  await add();
  const fetch = fakeFetch(() => { throw new TypeError('Failed to fetch'); });
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.equal(result.stop, 'network');
  assert.equal((await outbox.list()).length, 1);
});

test('a rejected record goes to needs-fixing with its field errors while the others are stored', async () => {
  const [a, b] = [await add(), await add()];
  const fetch = happyServer((req) => req.path.endsWith('/push') && { status: 200, body: { results: [
    { id: a.id, status: 'rejected', errors: { sex: ['必填字段'] } }, { id: b.id, status: 'created', rev: 1 }] } });
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.deepEqual([result.sent, result.rejected], [1, 1]);
  assert.deepEqual((await db.get('needs_fixing', a.id)).errors, { sex: ['必填字段'] });
  assert.equal((await outbox.list()).length, 0);
});

test('a conflict keeps the server version beside mine', async () => {
  const a = await add();
  const fetch = happyServer((req) => req.path.endsWith('/push') && { status: 200, body: { results: [
    { id: a.id, status: 'conflict', current: { rev: 4, data: { name: 'y' } } }] } });
  await sync.syncNow({ fetchImpl: fetch });
  assert.equal((await db.get('conflicts', a.id)).current.rev, 4);
});

test('a deferred record is resent after its parent is stored, in the same sync', async () => {
  const parent = await add();
  const kid = await outbox.enqueue({ kind: 'precheck', captured_by: 'n1', data: { child_id: parent.id } });
  let first = true;
  const fetch = happyServer((req) => {
    if (!req.path.endsWith('/push')) return null;
    const results = req.body.items.map((i) => (first && i.id === kid.id
      ? { id: i.id, status: 'deferred', errors: { child_id: ['未收到'] } } : { id: i.id, status: 'created', rev: 1 }));
    first = false;
    return { status: 200, body: { results } };
  });
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.equal(result.sent, 2);
  assert.equal(pushes(fetch).length, 2);
  assert.equal((await outbox.list()).length, 0);
});

test('items are sent in dependency order and never in parallel', async () => {
  const kid = await outbox.enqueue({ kind: 'precheck', captured_by: 'n1', data: { child_id: 'later' } });
  const parent = await outbox.enqueue({ kind: 'child', captured_by: 'n1', id: 'later', data: {} });
  const fetch = happyServer();
  await sync.syncNow({ fetchImpl: fetch });
  assert.deepEqual(pushes(fetch)[0].body.items.map((i) => i.id), [parent.id, kid.id]);
});

test('each record is sent under its own author token', async () => {
  await add('n1'); await add('n2'); await add('n1');
  const fetch = happyServer();
  await sync.syncNow({ fetchImpl: fetch });
  const sent = pushes(fetch).map((c) => [c.auth, c.body.items.map((i) => i.captured_by)]);
  assert.deepEqual(sent, [['Bearer t1', ['n1']], ['Bearer t2', ['n2']], ['Bearer t1', ['n1']]]);
});

test('a 401 pauses that author, keeps the records and asks them to sign in; other authors still sync', async () => {
  const mine = await add('n1');
  await add('n2');
  const fetch = happyServer((req) => req.auth === 'Bearer t1' && { status: 401, body: { title: 'revoked' } });
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.deepEqual(result.authNeeded, ['n1']);
  assert.deepEqual((await outbox.list()).map((i) => i.id), [mine.id]);
  assert.equal(await users.tokenFor('n1'), null);
  assert.deepEqual((await users.needingSignIn()).map((u) => u.username), ['n1']);
  await users.saveSignIn({ user: { username: 'n1', role: 'nurse', scope: 'U01' }, token: 't1b', expires_at: '' });
  await sync.syncNow({ fetchImpl: happyServer() });
  assert.equal((await outbox.list()).length, 0);
});

test('a replayed push after a lost response stays one record (same id is resent)', async () => {
  const a = await add();
  let n = 0;
  const fetch = happyServer((req) => {
    if (!req.path.endsWith('/push')) return null;
    n += 1;
    if (n === 1) throw new TypeError('connection reset');
    return { status: 200, body: { results: [{ id: a.id, status: 'duplicate', rev: 1 }] } };
  });
  await sync.syncNow({ fetchImpl: fetch });
  await sync.syncNow({ fetchImpl: fetch });
  const ids = pushes(fetch).map((c) => c.body.items[0].id);
  assert.deepEqual(ids, [a.id, a.id]);
  assert.equal((await outbox.list()).length, 0);
});

test('pull stores reference data and records, keeps the cursor, and turns a returned AEFI into a task', async () => {
  const changes = [
    { kind: 'vaccine', id: 'HepB', rev: 1, data: { name_zh: '乙肝疫苗' } },
    { kind: 'child', id: 'c1', rev: 1, data: { name: '小芳', unit_code: 'U01' } },
    { kind: 'aefi_review', id: 'r1', rev: 1, data: { aefi_id: 'a1', status: 'returned', return_reason: '缺发病时间' } },
  ];
  const fetch = happyServer((req) => req.path.endsWith('/pull') && { status: 200,
    body: { cursor: 'k9', has_more: false, changes } });
  await sync.syncNow({ fetchImpl: fetch });
  assert.equal((await db.get('reference', 'vaccine:HepB')).data.name_zh, '乙肝疫苗');
  assert.equal((await db.get('children', 'c1')).name, '小芳');
  assert.equal((await db.get('tasks', 'aefi-returned:a1')).reason, '缺发病时间');
  assert.equal(await db.getMeta('cursor:nurse:U01'), 'k9');
});

test('a second nurse of the same unit pulls from where the phone is; a nurse of another unit from the start', async () => {
  const cursors = [];
  const fetch = happyServer((req) => req.path.endsWith('/pull') && (cursors.push(req.query.cursor || null), {
    status: 200, body: { cursor: `after-${cursors.length}`, has_more: false, changes: [] } }));
  await sync.pullAll({ fetchImpl: fetch, result: { authNeeded: [] } });
  await users.saveSignIn({ user: { username: 'n3', role: 'nurse', scope: 'U01' }, token: 't3', expires_at: '' });
  await sync.pullAll({ fetchImpl: fetch, result: { authNeeded: [] } });
  await users.saveSignIn({ user: { username: 'b1', role: 'nurse', scope: 'U03' }, token: 't4', expires_at: '' });
  await sync.pullAll({ fetchImpl: fetch, result: { authNeeded: [] } });
  assert.deepEqual(cursors, [null, 'after-1', null]);
});

test('a pulled change never overwrites a record still waiting in the outbox', async () => {
  const a = await add('n1', { name: '本地' });
  const fetch = fakeFetch((req) => (req.path.endsWith('/pull')
    ? { status: 200, body: { cursor: 'x', has_more: false, changes: [{ kind: 'child', id: a.id, rev: 5, data: { name: '服务器' } }] } }
    : { status: 503, body: null }));
  await sync.pullAll({ fetchImpl: fetch, result: { authNeeded: [] } });
  assert.equal((await db.get('children', a.id)).name, '本地');
});

test('the status shows the records received of the expected total while a pull runs', async () => {
  const seen = [];
  const fetch = happyServer(async (req) => {
    if (!req.path.endsWith('/pull')) return null;
    const first = !req.query.cursor;
    // the second page is asked for while the first is stored: answer it once the first page shows (or give up)
    for (let i = 0; !first && i < 100 && !(await sync.getStatus()).received; i++) await new Promise((r) => setTimeout(r, 10));
    seen.push(await sync.getStatus());
    return { status: 200, body: { cursor: first ? 'p1' : 'p2', has_more: first, remaining: first ? 1 : 0,
      changes: [{ kind: 'child', id: first ? 'c1' : 'c2', rev: 1, data: { name: 'x' } }, ...(first
        ? [{ kind: 'child', id: 'c3', rev: 1, data: { name: 'y' } }] : [])] } };
  });
  await sync.syncNow({ fetchImpl: fetch });
  assert.equal(seen.length, 2);
  assert.deepEqual([seen[1].phase, seen[1].received, seen[1].expected], ['pull', 2, 3]);
});

test('batches split by author and by the push limit, keeping order', () => {
  const items = Array.from({ length: 502 }, (_, i) => ({ id: String(i), captured_by: i === 501 ? 'b' : 'a' }));
  assert.deepEqual(sync.batches(items).map((b) => b.length), [500, 1, 1]);
});

test('a sync before anyone has signed in does nothing and is not reported as a success', async () => {
  await freshDb();
  const fetch = happyServer();
  const result = await sync.syncNow({ fetchImpl: fetch });
  assert.equal(result.skipped, 'nobody');
  assert.equal(fetch.calls.length, 0);
  assert.equal((await sync.getStatus()).last_success_at, null);
});

test('a record saved while a sync is past its push goes out in one more sync right after it', async () => {
  await add();
  let release;
  const held = new Promise((resolve) => { release = resolve; });
  let pulls = 0;
  const fetch = happyServer((req) => {
    if (!req.path.endsWith('/sync/pull') || pulls++) return null;
    return held.then(() => ({ status: 200, body: { cursor: 'c1', has_more: false, changes: [] } }));
  });
  const first = sync.syncNow({ fetchImpl: fetch });
  while (!pulls) await new Promise((resolve) => setTimeout(resolve, 1)); // the first sync is pulling now
  const late = await add('n2');
  const second = sync.syncNow({ fetchImpl: fetch });
  const third = sync.syncNow({ fetchImpl: fetch });
  assert.equal(second, third); // callers during a sync share one follow-up
  release();
  assert.equal((await first).sent, 1);
  assert.equal((await second).sent, 1);
  assert.equal((await outbox.list()).length, 0);
  assert.deepEqual(pushes(fetch).map((c) => c.body.items.map((i) => i.id)).at(-1), [late.id]);
});

test('a student referred elsewhere arrives as a tombstone: the record and its catch-up task leave the phone', async () => {
  const { applyChanges } = await import('../src/lib/pull-apply.js');
  const user = { username: 'demo-nurse', scope: 'U01' };
  const data = { name: '张小花', birth_date: '2022-05-01', referral: { unit_code: 'U01' }, catch_up_status: 'pending' };
  await applyChanges([{ kind: 'student_check', id: 's1', rev: 1, deleted: false, data }], user);
  assert.ok(await db.get('records', 's1'));
  assert.ok(await db.get('tasks', 'catch-up:s1'));
  await applyChanges([{ kind: 'student_check', id: 's1', rev: 2, deleted: true, data: null }], user);
  assert.equal(await db.get('records', 's1'), undefined);
  assert.equal(await db.get('tasks', 'catch-up:s1'), undefined);
});
