// The outbox: records waiting to be sent (record data, never HTTP requests), and where verdicts put them.
import * as db from './db.js';
import { isoLocal, uuid } from './time.js';

export const SCHEMA_VERSION = 1;
export const REF_FIELDS = ['child_id', 'precheck_id', 'consent_id', 'aefi_id', 'school_check_id', 'supersedes', 'keep_id',
  'merge_id', 'survey_id'];

const viewStore = (kind) => (kind === 'child' ? 'children' : 'records');

/** A stock movement's own `kind` (receive, issue…) kept beside the record kind in the local view. */
export const movementKind = (r) => (r.kind === 'stock_movement' ? { data_kind: r.data?.kind } : {});

function viewRow(item, local, rev = item.base_rev ?? null) {
  return { ...item.data, ...movementKind(item), id: item.id, kind: item.kind, rev, captured_by: item.captured_by,
    captured_at: item.captured_at, _local: local };
}

/** Put a new record (or a new revision with base_rev) into the outbox and the local view, in one transaction. */
export async function enqueue({ kind, data, captured_by, id = uuid(), base_rev = null, captured_at = isoLocal() }) {
  if (!captured_by) throw new Error('captured_by is required');
  const conn = await db.getDb();
  const tx = conn.transaction(['outbox', 'meta', viewStore(kind)], 'readwrite');
  const meta = tx.objectStore('meta');
  const seq = ((await meta.get('outbox_seq'))?.value ?? 0) + 1;
  const item = { id, kind, base_rev, captured_at, captured_by, data, schema_version: SCHEMA_VERSION, seq,
    state: 'pending', attempts: 0, errors: null, queued_at: isoLocal() };
  meta.put({ key: 'outbox_seq', value: seq });
  tx.objectStore('outbox').put(item);
  tx.objectStore(viewStore(kind)).put(viewRow(item, 'pending'));
  try { await tx.done; } finally { db.changed(['outbox', 'meta', viewStore(kind)]); }
  return item;
}

/** Every outbox item in the order it was queued. */
export async function list() {
  return (await db.all('outbox')).sort((a, b) => a.seq - b.seq);
}

/** The ids a record refers to (its parents). */
export function parentsOf(item) {
  const listed = Array.isArray(item.data?.vaccination_ids) ? item.data.vaccination_ids : [];
  return [...REF_FIELDS.map((f) => item.data?.[f]), ...listed].filter((v) => typeof v === 'string' && v && v !== item.id);
}

/** Queue order, but a parent still in the outbox always goes before its children (stable). */
export function dependencyOrder(items) {
  const byId = new Map(items.map((i) => [i.id, i]));
  const done = new Set();
  const out = [];
  const visit = (item, path) => {
    if (done.has(item.id) || path.has(item.id)) return;
    path.add(item.id);
    for (const pid of parentsOf(item)) if (byId.has(pid)) visit(byId.get(pid), path);
    done.add(item.id);
    out.push(item);
  };
  for (const item of items) visit(item, new Set());
  return out;
}

/** Items to send now, dependency-ordered. */
export async function ordered() { return dependencyOrder(await list()); }

/** created / duplicate / updated: the record leaves the outbox and the view shows it as synced. */
export async function markSynced(item, rev) {
  await db.putAndDelete(viewStore(item.kind), viewRow(item, null, rev ?? item.base_rev ?? 1), 'outbox', item.id);
}

/** rejected: the record moves to needs-fixing with the server's reasons per field. */
export async function toFixing(item, errors) {
  await db.move('outbox', 'needs_fixing', item.id, { ...item, state: 'rejected', errors: errors || {} });
  await db.put(viewStore(item.kind), viewRow(item, 'rejected'));
}

/** conflict: the record waits beside the server's version until the user chooses. */
export async function toConflict(item, current) {
  await db.move('outbox', 'conflicts', item.id, { ...item, state: 'conflict', current: current || null });
}

/** deferred, or a failed attempt: the record stays in the outbox, with the reason kept for display. */
export async function keep(item, state, errors = null) {
  await db.put('outbox', { ...item, state, errors, attempts: (item.attempts || 0) + 1 });
}

/** A fixed needs-fixing record goes back to the outbox (same id, same base_rev: the server stored nothing). */
export async function resend(id, data) {
  const item = await db.get('needs_fixing', id);
  if (!item) return null;
  const seq = ((await db.getMeta('outbox_seq', 0)) || 0) + 1;
  await db.setMeta('outbox_seq', seq);
  const next = { ...item, data, seq, state: 'pending', errors: null, attempts: 0, queued_at: isoLocal() };
  await db.move('needs_fixing', 'outbox', id, next);
  await db.put(viewStore(item.kind), viewRow(next, 'pending'));
  return next;
}

/** Conflict resolved: 'mine' resends over the server's rev; 'theirs' keeps the server's version. */
export async function resolveConflict(id, choice) {
  const item = await db.get('conflicts', id);
  if (!item) return null;
  const current = item.current || {};
  if (choice === 'mine') {
    const seq = ((await db.getMeta('outbox_seq', 0)) || 0) + 1;
    await db.setMeta('outbox_seq', seq);
    const next = { ...item, base_rev: current.rev ?? item.base_rev, seq, state: 'pending', current: undefined };
    await db.move('conflicts', 'outbox', id, next);
    return next;
  }
  const server = { ...item, data: current.data || item.data };
  await db.putAndDelete(viewStore(item.kind), viewRow(server, null, current.rev ?? null), 'conflicts', id);
  return server;
}

/** The oldest capture time among records not yet on the server (outbox, needs-fixing, conflicts). */
export async function oldestUnsynced() {
  const rows = [...await db.all('outbox'), ...await db.all('needs_fixing'), ...await db.all('conflicts')];
  return rows.map((r) => r.captured_at).sort((a, b) => new Date(a) - new Date(b))[0] || null;
}

/** Everything not yet on the server, as one JSON-able object (the last-resort backup file). */
export async function exportAll(deviceId) {
  return { format: 'immuqc-outbox', version: 1, exported_at: isoLocal(), device_id: deviceId,
    outbox: await list(), needs_fixing: await db.all('needs_fixing'), conflicts: await db.all('conflicts') };
}

/** Load an exported file back: records already known here are skipped, so importing twice adds nothing. */
export async function importAll(file) {
  if (!file || file.format !== 'immuqc-outbox') throw new Error('format');
  const rows = [...(file.outbox || []), ...(file.needs_fixing || []), ...(file.conflicts || [])];
  let added = 0;
  for (const row of rows) {
    if (!row?.id || !row.kind || !row.captured_by || !row.data) continue;
    const known = await db.get('outbox', row.id) || await db.get('needs_fixing', row.id)
      || await db.get('conflicts', row.id) || await synced(row);
    if (known) continue;
    await enqueue({ kind: row.kind, data: row.data, captured_by: row.captured_by, id: row.id,
      base_rev: row.base_rev ?? null, captured_at: row.captured_at });
    added += 1;
  }
  return { added, skipped: rows.length - added };
}

async function synced(row) {
  const view = await db.get(viewStore(row.kind), row.id);
  return view && !view._local && (view.rev ?? 0) >= (row.base_rev ?? 0) + 1;
}
