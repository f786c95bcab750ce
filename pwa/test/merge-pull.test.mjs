import { test, beforeEach } from 'node:test';
import assert from 'node:assert/strict';
import { freshDb } from '../testlib/helpers.mjs';
import * as db from '../src/lib/db.js';
import * as outbox from '../src/lib/outbox.js';
import { applyChanges } from '../src/lib/pull-apply.js';

beforeEach(freshDb);

test('a pulled child merge moves the records of the merged child, waiting ones included, to the child kept', async () => {
  const user = { username: 'n1', scope: 'U01' };
  await applyChanges([{ kind: 'child', id: 'keep', rev: 1, deleted: false, data: { name: '王小明' } },
    { kind: 'child', id: 'gone', rev: 1, deleted: false, data: { name: '王晓明' } },
    { kind: 'vaccination', id: 'v1', rev: 1, deleted: false, data: { child_id: 'gone', vaccine: 'HepB' } }], user);
  const waiting = await outbox.enqueue({ kind: 'precheck', captured_by: 'n1', data: { child_id: 'gone' } });
  await applyChanges([{ kind: 'child_merge', id: 'm1', rev: 1, deleted: false,
    data: { unit_code: 'U01', keep_id: 'keep', merge_id: 'gone' } },
  { kind: 'child', id: 'gone', rev: 1, deleted: true, data: null }], user);
  assert.equal(await db.get('children', 'gone'), undefined);
  assert.equal((await db.get('records', 'v1')).child_id, 'keep');
  assert.equal((await db.get('outbox', waiting.id)).data.child_id, 'keep');
  assert.equal((await db.get('records', waiting.id)).child_id, 'keep');
});
