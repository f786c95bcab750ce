// The sync policy: sequential, dependency-ordered pushes under each record's author, per-record verdicts,
// then a pull of reference data, records and tasks. Never drops a record on an error.
import * as api from './api.js';
import * as db from './db.js';
import * as outbox from './outbox.js';
import { applyChanges } from './pull-apply.js';
import * as users from './users.js';
import { isoLocal } from './time.js';

const SYNCED = new Set(['created', 'duplicate', 'updated']);
const MAX_PASSES = 5;
const listeners = new Set();
let running = null; // the sync in progress in this context
let queued = null;  // the one sync asked for while it runs (it may have passed the push of a record saved since)

/** Listen to progress and status changes; returns an unsubscribe function. */
export function onStatus(fn) { listeners.add(fn); return () => listeners.delete(fn); }

async function emit(patch) {
  const status = { ...(await getStatus()), ...patch };
  await db.setMeta('sync_status', status);
  for (const fn of listeners) fn(status);
  broadcast(status);
  return status;
}

/** Tell other contexts (pages, the service worker) about a status change. */
function broadcast(status) {
  if (!globalThis.BroadcastChannel) return;
  const channel = new BroadcastChannel('immuqc-sync');
  channel.postMessage(status);
  channel.close();
}

/** The last known sync status (counts, last success, last error, retry time). */
export async function getStatus() {
  return (await db.getMeta('sync_status')) || { running: false, sent: 0, total: 0, rejected: 0, conflicts: 0,
    last_success_at: null, last_error: null, failures: 0 };
}

/** Run one sync now; while one runs in this context, one more runs after it (every caller meanwhile shares it). */
export function syncNow(opts = {}) {
  if (!running) {
    running = runLocked(opts).finally(() => { running = null; });
    return running;
  }
  if (!queued) queued = running.catch(() => null).then(() => { queued = null; return syncNow(opts); });
  return queued;
}

async function runLocked(opts) {
  const locks = globalThis.navigator?.locks;
  if (!locks) return run(opts);
  // another context (a tab, the service worker) is syncing: 'busy', and the caller tries again shortly
  return locks.request('immuqc-sync', { ifAvailable: true }, (lock) => (lock ? run(opts) : { skipped: 'busy' }));
}

async function run({ fetchImpl = globalThis.fetch } = {}) {
  if (!(await users.listUsers()).length) return { skipped: 'nobody' }; // nobody signed in yet: not a sync
  const deviceId = await users.deviceId();
  const result = { sent: 0, total: (await outbox.list()).length, rejected: 0, conflicts: 0, deferred: 0,
    pulled: 0, authNeeded: [], stop: null, retryAfterMs: 0 };
  await emit({ running: true, phase: 'push', sent: 0, total: result.total, rejected: 0, conflicts: 0 });
  try {
    await pushAll({ fetchImpl, deviceId, result });
    if (!result.stop) await pullAll({ fetchImpl, result });
  } catch (err) {
    result.stop = err instanceof api.NetworkError ? 'network' : 'error';
  }
  const ok = !result.stop && !result.authNeeded.length;
  const prev = await getStatus();
  await emit({ running: false, phase: null, last_error: result.stop, failures: ok ? 0 : (prev.failures || 0) + 1,
    auth_needed: result.authNeeded, last_success_at: ok ? isoLocal() : prev.last_success_at,
    last_attempt_at: isoLocal(), pulled: result.pulled });
  return result;
}

/** Push every outbox item; repeat while deferred items may now go through (their parent was just stored). */
export async function pushAll({ fetchImpl, deviceId, result }) {
  const paused = new Set();
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    const items = (await outbox.ordered()).filter((i) => !paused.has(i.captured_by));
    if (!items.length) return;
    const before = result.sent;
    for (const batch of batches(items)) {
      const outcome = await pushBatch({ fetchImpl, deviceId, batch, result });
      if (outcome === 'auth') { paused.add(batch[0].captured_by); result.authNeeded.push(batch[0].captured_by); }
      else if (outcome !== 'ok') { result.stop = outcome; return; }
    }
    const deferredLeft = (await outbox.list()).some((i) => i.state === 'deferred');
    if (!deferredLeft || result.sent === before) return;
  }
}

/** Consecutive items of one author, at most PUSH_LIMIT each, in order. */
export function batches(items) {
  const out = [];
  for (const item of items) {
    const last = out[out.length - 1];
    if (last && last[0].captured_by === item.captured_by && last.length < api.PUSH_LIMIT) last.push(item);
    else out.push([item]);
  }
  return out;
}

async function pushBatch({ fetchImpl, deviceId, batch, result }) {
  const author = batch[0].captured_by;
  const token = await users.tokenFor(author);
  if (!token) return 'auth';
  const resp = await api.push({ token, deviceId, items: batch, deviceTime: isoLocal(),
    schemaVersion: outbox.SCHEMA_VERSION }, { fetchImpl });
  if (resp.status === 401) { await users.invalidateToken(author); return 'auth'; }
  if (resp.status === 413 && batch.length > 1) return pushSplit({ fetchImpl, deviceId, batch, result }, resp.body);
  if (resp.status !== 200 || !Array.isArray(resp.body?.results)) return requestFailure(resp, batch, result);
  if (typeof resp.body.clock_offset_s === 'number') await db.setMeta('clock_offset_s', resp.body.clock_offset_s);
  const byId = new Map(batch.map((i) => [i.id, i]));
  for (const res of resp.body.results) await applyVerdict(byId.get(res.id), res, result);
  return 'ok';
}

/** A batch the server found too large (413) goes again in parts: its `max_items`, else halves; in order. */
async function pushSplit(args, body) {
  const { batch } = args;
  const max = Number(body?.max_items);
  const size = max > 0 && max < batch.length ? max : Math.ceil(batch.length / 2);
  for (let i = 0; i < batch.length; i += size) {
    const outcome = await pushBatch({ ...args, batch: batch.slice(i, i + size) });
    if (outcome !== 'ok') return outcome;
  }
  return 'ok';
}

/** Why a request was refused, as `result.stop` names it; with the wait the server asked for (`Retry-After`). */
function failure(resp, result) {
  result.retryAfterMs = api.retryAfterMs(resp.headers);
  return resp.status === 426 ? 'too_old' : resp.status === 429 ? 'rate' : resp.status >= 500 ? 'server'
    : resp.status === 403 ? 'forbidden' : 'bad_request';
}

async function requestFailure(resp, batch, result) {
  const reason = failure(resp, result);
  for (const item of batch) await outbox.keep(item, item.state, { _request: [api.problemText(resp.body)] });
  return reason;
}

/** What the client does with one item's verdict (records.md's table). */
export async function applyVerdict(item, res, result) {
  if (!item) return;
  if (SYNCED.has(res.status)) { await outbox.markSynced(item, res.rev); result.sent += 1; }
  else if (res.status === 'rejected') { await outbox.toFixing(item, res.errors); result.rejected += 1; }
  else if (res.status === 'conflict') { await outbox.toConflict(item, res.current); result.conflicts += 1; }
  else { await outbox.keep(item, 'deferred', res.errors || null); result.deferred += 1; }
  await emit({ sent: result.sent, rejected: result.rejected, conflicts: result.conflicts });
}

/** Pull changes since the cursor with the current (or any signed-in) user's token, then the field source. */
export async function pullAll({ fetchImpl, result }) {
  const user = await pullUser();
  if (!user) return;
  await emit({ phase: 'pull' });
  // Users of one role and scope pull the same changes, so a second nurse of the unit starts where the phone is.
  const key = `cursor:${user.role}:${user.scope}`;
  let cursor = await db.getMeta(key) ?? await db.getMeta(`cursor:${user.username}`);
  let next = api.pull({ token: user.token, cursor }, { fetchImpl });
  for (let page = 0; page < 200; page++) {
    const resp = await next;
    if (resp.status === 401) { await users.invalidateToken(user.username); result.authNeeded.push(user.username); return; }
    if (resp.status !== 200) { result.stop = failure(resp, result); return; }
    // The next page travels while this one is stored; the cursor is kept only once the page is stored.
    if (resp.body.has_more) next = api.pull({ token: user.token, cursor: resp.body.cursor }, { fetchImpl });
    await applyChanges(resp.body.changes || [], user);
    result.pulled = (result.pulled || 0) + (resp.body.changes || []).length;
    await emit({ phase: 'pull', received: result.pulled, expected: result.pulled + (resp.body.remaining || 0) });
    cursor = resp.body.cursor;
    await db.setMeta(key, cursor);
    if (!resp.body.has_more) break;
  }
  await db.setMeta('reference_pulled_at', isoLocal());
  await pullFields({ fetchImpl, token: user.token });
}

async function pullUser() {
  const current = await users.currentUser();
  if (current?.token && current.token_state !== 'invalid') return current;
  return (await users.listUsers()).find((u) => u.token && u.token_state !== 'invalid') || null;
}

async function pullFields({ fetchImpl, token }) {
  const resp = await api.fields({ token }, { fetchImpl });
  if (resp.status === 200 && resp.body) await db.setMeta('fields', { fetched_at: isoLocal(), body: resp.body });
}
