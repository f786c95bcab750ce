// Where pulled changes go: records of the scope into the local view, reviewer decisions into tasks,
// everything else into reference data. Never overwrites a record that still waits in the outbox.
import * as db from './db.js';
import { movementKind } from './outbox.js';

export const RECORD_KINDS = new Set(['child', 'precheck', 'consent', 'vaccination', 'aefi_report', 'aefi_review',
  'aefi_zero_report', 'school_check', 'student_check', 'child_merge', 'stock_movement', 'temperature_reading',
  'observation', 'survey', 'survey_child']);
const OPEN_CATCH_UP = new Set(['pending', 'partial']);

const STORES = ['children', 'records', 'outbox', 'needs_fixing', 'reference', 'tasks'];

/** Apply one page of pulled changes for a user, in one IndexedDB transaction (a save meanwhile waits for it). */
export async function applyChanges(changes, user) {
  await db.withStores(STORES, async (tx) => {
    for (const change of changes) {
      if (change.kind === 'task') await applyTask(tx, change);
      else if (RECORD_KINDS.has(change.kind)) await applyRecord(tx, change, user);
      else await applyReference(tx, change);
    }
  });
  for (const change of changes) if (change.kind === 'child_merge') await followMerge(change);
}

async function applyReference(tx, { kind, id, rev, deleted, data }) {
  const key = `${kind}:${id}`;
  if (deleted) await tx.del('reference', key);
  else await tx.put('reference', { key, kind, id, rev, data: data || {} });
}

async function applyTask(tx, { id, deleted, data }) {
  if (deleted) await tx.del('tasks', id);
  else await tx.put('tasks', { id, type: data?.type || 'server', ...data });
}

async function applyRecord(tx, change, user) {
  const store = change.kind === 'child' ? 'children' : 'records';
  const local = await tx.get(store, change.id);
  const waiting = local?._local && (await tx.get('outbox', change.id) || await tx.get('needs_fixing', change.id));
  if (!waiting) {
    if (change.deleted) await tx.del(store, change.id);
    else await tx.put(store, { ...change.data, ...movementKind(change), id: change.id, kind: change.kind, rev: change.rev, _local: null });
  }
  if (change.kind === 'aefi_review') await reviewTask(tx, change);
  if (change.kind === 'student_check') await catchUpTask(tx, change, user);
}

/** A merge pulled from the server: this phone's records of the merged child, those still waiting to be sent (or
 * to be fixed) included, now name the child kept, so nothing is sent for a child that no longer exists. */
async function followMerge({ data, deleted }) {
  if (deleted || !data?.keep_id || !data?.merge_id) return;
  const { keep_id: keep, merge_id: gone } = data;
  for (const r of await db.byIndex('records', 'child_id', gone)) await db.put('records', { ...r, child_id: keep });
  for (const store of ['outbox', 'needs_fixing']) {
    for (const item of await db.all(store)) {
      if (item.data?.child_id === gone) await db.put(store, { ...item, data: { ...item.data, child_id: keep } });
    }
  }
}

/** A county review that returns an AEFI report becomes a task to fix and resend it; other states clear it. */
async function reviewTask(tx, { data, deleted }) {
  if (!data?.aefi_id) return;
  const id = `aefi-returned:${data.aefi_id}`;
  if (!deleted && data.status === 'returned') {
    await tx.put('tasks', { id, type: 'aefi_returned', record_id: data.aefi_id, reason: data.return_reason || '' });
  } else {
    await tx.del('tasks', id);
  }
}

/** A student referred to this unit for catch-up, until the catch-up is complete. */
async function catchUpTask(tx, { id, rev, data, deleted }, user) {
  const taskId = `catch-up:${id}`;
  const mine = data?.referral?.unit_code && data.referral.unit_code === user?.scope;
  if (!deleted && mine && OPEN_CATCH_UP.has(data.catch_up_status || 'pending')) {
    await tx.put('tasks', { id: taskId, type: 'catch_up', record_id: id, rev, name: data.name,
      birth_date: data.birth_date, evaluation: data.evaluation || null, catch_up: data.catch_up || [],
      class_name: data.class_name || '', guardian_phone: data.guardian_phone || '', school_check_id:
      data.school_check_id || '', notified_on: data.referral?.notified_on || '' });
  } else {
    await tx.del('tasks', taskId);
  }
}
