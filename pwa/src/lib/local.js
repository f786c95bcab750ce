// Read-side of the phone's data for pages: children, records, reference data, tasks, drafts, settings.
// Pages use this and outbox/sync/users; only db.js knows IndexedDB.
import * as db from './db.js';

export const children = () => db.all('children');
export const child = (id) => db.get('children', id);
export const record = (id) => db.get('records', id);
export const recordsOfKind = (kind) => db.byIndex('records', 'kind', kind);
export const recordsOfChild = (childId) => db.byIndex('records', 'child_id', childId);
export const tasks = () => db.all('tasks');
export const task = (id) => db.get('tasks', id);
export const removeTask = (id) => db.del('tasks', id);
export const needsFixing = () => db.all('needs_fixing');
export const fixingItem = (id) => db.get('needs_fixing', id);
export const conflicts = () => db.all('conflicts');
export const conflictItem = (id) => db.get('conflicts', id);
export const counts = () => db.counts();
export const getSetting = (key, fallback = null) => db.getMeta(`setting:${key}`, fallback);
export const setSetting = (key, value) => db.setMeta(`setting:${key}`, value);
export const meta = (key, fallback = null) => db.getMeta(key, fallback);

/** Reference items of a kind (unit, village, vaccine, consent_template, schedule, fields). */
export async function reference(kind) {
  return (await db.byIndex('reference', 'kind', kind)).map((r) => ({ id: r.id, rev: r.rev, ...r.data }));
}

/** The record field rules: pulled with reference data, or from GET /reference/fields, else the copy bundled with
 * the app (webapp/data/fields.json), so a phone that has not synced yet still refuses a record missing a field. */
export async function fieldRules() {
  const pulled = await db.get('reference', 'fields:record-fields');
  if (pulled?.data) return pulled.data;
  const fetched = (await db.getMeta('fields'))?.body;
  if (fetched) return fetched;
  try {
    return await (await fetch('fields.json')).json();
  } catch {
    return null;
  }
}

export const draft = (id) => db.get('drafts', id);
export const saveDraft = (id, value) => db.put('drafts', { ...value, id });
export const dropDraft = (id) => db.del('drafts', id);

// The registry sorted by name with its searchable text, kept while the children store is unchanged (db.version):
// a keystroke filters it in memory instead of reading and sorting every child again.
let registry = { version: null, rows: [], text: [] };

async function sortedRegistry() {
  const version = db.version('children');
  if (registry.version !== version) {
    const rows = (await children()).sort((a, b) => (a.name || '').localeCompare(b.name || '', 'zh-CN'));
    const text = rows.map((c) => [c.name, c.birth_date, c.certificate_no, c.guardian_name]
      .filter((v) => v).map((v) => String(v).toLowerCase()));
    registry = { version, rows, text };
  }
  return registry;
}

/** Search the child registry by name, birth date or certificate number (case-insensitive substring). */
export async function searchChildren(query) {
  const q = (query || '').trim().toLowerCase();
  const { rows, text } = await sortedRegistry();
  const hits = [];
  for (let i = 0; i < rows.length && hits.length < 100; i += 1) {
    if (!q || text[i].some((v) => v.includes(q))) hits.push(rows[i]);
  }
  return hits;
}

/** The schedule data files: pulled reference data first, else the copy bundled with the app. */
export async function scheduleData() {
  const pulled = await reference('schedule');
  if (pulled.length) return pulled;
  try {
    const names = await (await fetch('schedule/index.json')).json();
    return await Promise.all(names.map(async (n) => (await fetch(`schedule/${n}`)).json()));
  } catch {
    return [];
  }
}

/** The vaccine catalogue as a map code → entry (pulled reference data). */
export async function vaccineCatalogue() {
  return new Map((await reference('vaccine')).map((v) => [v.code || v.id, v]));
}
