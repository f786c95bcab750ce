// Shared reads for the school-check and catch-up pages: the user's school, units, batches, students, evaluation.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { evaluate } from '../lib/schedule.js';
import { NAMES } from './school-model.js';

/** The school (pulled reference data) of a school user, or a stand-in with its code. */
export async function schoolOf(code) {
  return (await local.reference('school')).find((s) => (s.code || s.id) === code) || { code, name: code };
}

/** The county's vaccination units (pulled reference data): [{code, name, address, hours}]. */
export async function units() {
  return (await local.reference('unit')).map((u) => ({ code: u.code || u.id, name: u.name, address: u.address || '',
    hours: u.hours || '' }));
}

/** Check batches of a school, newest first. */
export async function batchesOf(schoolCode) {
  return (await local.recordsOfKind('school_check')).filter((b) => b.school_code === schoolCode)
    .sort((a, b) => (a.started_on < b.started_on ? 1 : -1));
}

/** Students of a batch by class then name. */
export async function studentsOf(batchId) {
  return (await local.recordsOfKind('student_check')).filter((s) => s.school_check_id === batchId)
    .sort((a, b) => `${a.class_name}${a.name}`.localeCompare(`${b.class_name}${b.name}`, 'zh-CN'));
}

/** Vaccine names in the current language: the pulled catalogue, else the grid's Chinese names. */
export async function vaccineNames() {
  const names = { ...NAMES };
  for (const [code, v] of await local.vaccineCatalogue()) names[code] = v.zh || v.name || names[code] || code;
  return names;
}

/** The schedule engine's evaluation, or {error} when the engine refuses the input (the field it names). */
export function evaluateSafe(scheduleData, input) {
  if (!scheduleData?.length) return { error: t('school.no_schedule') };
  try {
    return evaluate(scheduleData, input);
  } catch (err) {
    return { error: err?.field ? `${err.field}: ${err.code}` : String(err?.message || err) };
  }
}

/** Does the row wait for sync (pending) or did the server refuse it (rejected)? */
export const syncLabel = (row) => (row?._local ? t(`school.sync.${row._local}`) : '');

/** "2026-autumn" → "2026年秋季学期". */
export function termLabel(term) {
  const [year, season] = String(term || '').split('-');
  return season ? t(`school.term.${season}`, { year }) : String(term || '');
}
