import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../testlib/helpers.mjs';
import * as db from '../src/lib/db.js';
import * as outbox from '../src/lib/outbox.js';

beforeEach(freshDb);

const child = () => outbox.enqueue({ kind: 'child', captured_by: 'n1', data: { name: '小明' } });

test('enqueue keeps record data with author, schema version and a queue order', async () => {
  const a = await child();
  const b = await outbox.enqueue({ kind: 'precheck', captured_by: 'n2', data: { child_id: a.id } });
  const items = await outbox.list();
  assert.deepEqual(items.map((i) => i.id), [a.id, b.id]);
  assert.equal(items[0].schema_version, outbox.SCHEMA_VERSION);
  assert.equal(items[1].captured_by, 'n2');
  assert.equal(items[0].data.name, '小明');
  assert.equal((await db.get('children', a.id))._local, 'pending');
});

test('enqueue refuses a record without an author', async () => {
  await assert.rejects(outbox.enqueue({ kind: 'child', data: {} }));
});

test('dependency order puts a parent before a child queued earlier', () => {
  const items = [{ id: 'p', data: { child_id: 'c' } }, { id: 'x', data: {} }, { id: 'c', data: {} }];
  assert.deepEqual(outbox.dependencyOrder(items).map((i) => i.id), ['c', 'p', 'x']);
});

test('a rejected record moves to needs-fixing and a resend puts it back with the same id', async () => {
  const a = await child();
  await outbox.toFixing(a, { sex: ['必填字段'] });
  assert.equal((await outbox.list()).length, 0);
  assert.deepEqual((await db.get('needs_fixing', a.id)).errors, { sex: ['必填字段'] });
  await outbox.resend(a.id, { ...a.data, sex: 'M' });
  const [again] = await outbox.list();
  assert.equal(again.id, a.id);
  assert.equal(again.data.sex, 'M');
  assert.equal(await db.get('needs_fixing', a.id), undefined);
});

test('choosing my version of a conflict resends it over the server revision', async () => {
  const a = await child();
  await outbox.toConflict(a, { rev: 3, data: { name: '小红' } });
  await outbox.resolveConflict(a.id, 'mine');
  const [again] = await outbox.list();
  assert.equal(again.base_rev, 3);
  assert.equal(again.data.name, '小明');
});

test('choosing the server version of a conflict drops mine and keeps theirs in the view', async () => {
  const a = await child();
  await outbox.toConflict(a, { rev: 2, data: { name: '小红' } });
  await outbox.resolveConflict(a.id, 'theirs');
  assert.equal((await outbox.list()).length, 0);
  assert.equal((await db.get('children', a.id)).name, '小红');
});

test('export then import into an empty phone restores every unsynced record once', async () => {
  const a = await child();
  const b = await outbox.enqueue({ kind: 'precheck', captured_by: 'n1', data: { child_id: a.id } });
  await outbox.toFixing(b, { decision: ['必填字段'] });
  const file = JSON.parse(JSON.stringify(await outbox.exportAll('dev')));
  await freshDb();
  assert.deepEqual(await outbox.importAll(file), { added: 2, skipped: 0 });
  assert.deepEqual(await outbox.importAll(file), { added: 0, skipped: 2 });
  assert.deepEqual((await outbox.list()).map((i) => i.id).sort(), [a.id, b.id].sort());
});

test('the oldest unsynced time includes needs-fixing records', async () => {
  const a = await outbox.enqueue({ kind: 'child', captured_by: 'n1', data: {}, captured_at: '2026-11-01T08:00:00+08:00' });
  await outbox.enqueue({ kind: 'child', captured_by: 'n1', data: {}, captured_at: '2026-11-20T08:00:00+08:00' });
  await outbox.toFixing(a, {});
  assert.equal(await outbox.oldestUnsynced(), '2026-11-01T08:00:00+08:00');
});
