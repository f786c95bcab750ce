// 留观: the 30 minutes after the last dose of an encounter. Each running observation is a row in IndexedDB
// (store `observing`) holding its start time, so several children can be observed at once and a reload or a
// closed app loses nothing; the remaining time is always computed from the stored start, never kept in memory.
import * as db from './db.js';
import { isoLocal, uuid } from './time.js';

export const OBSERVE_MS = 30 * 60000;

/** Start (or keep) the observation of a child's doses; the same doses never start a second timer. */
export async function startObservation({ child, vaccinationIds, user, now = Date.now() }) {
  const running = await db.all('observing');
  const same = running.find((o) => o.child_id === child.id && o.vaccination_ids.join() === vaccinationIds.join());
  if (same) return same;
  const row = { id: uuid(), child_id: child.id, child_name: child.name, vaccination_ids: [...vaccinationIds],
    unit_code: user.scope, started_by: user.username, started_ms: now, started_at: isoLocal(new Date(now)) };
  await db.put('observing', row);
  return row;
}

/** Every running observation, oldest first. */
export async function runningObservations() {
  return (await db.all('observing')).sort((a, b) => a.started_ms - b.started_ms);
}

export const observation = (id) => db.get('observing', id);

/** Milliseconds left of an observation (0 when the 30 minutes are over). */
export function remainingMs(row, now = Date.now()) {
  return Math.max(0, row.started_ms + OBSERVE_MS - now);
}

/** The `observation` record's data for an outcome (records.md). */
export function observationData(row, outcome, { aefiId = null, endedAt = isoLocal() } = {}) {
  const data = { unit_code: row.unit_code, child_id: row.child_id, vaccination_ids: row.vaccination_ids,
    started_at: row.started_at, ended_at: endedAt, outcome };
  if (aefiId) data.aefi_id = aefiId;
  return data;
}

/** Stop the timer once its record is saved. */
export const stopObservation = (id) => db.del('observing', id);
