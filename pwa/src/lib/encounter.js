// The encounter's rules on the phone: due doses from the schedule engine, the notice for chosen vaccines,
// consent grouping, and the sha256 of the exact notice text shown. Plain values in and out.
import { dueDoses, vaccineCodes } from './schedule.js';

export { INFORMED, QUESTIONS } from './constants.js';
export const SITES = ['left_deltoid', 'right_deltoid', 'left_thigh', 'right_thigh', 'oral'];
export const ROUTES = ['IM', 'SC', 'ID', 'PO'];
export const STRATEGIES = ['routine', 'catch_up', 'campaign', 'emergency'];

/** Whole years of age on a day (YYYY-MM-DD both), or undefined when either is unknown. */
export function ageYears(birth, day) {
  if (!birth || !day) return undefined;
  const [by, bm, bd] = birth.split('-').map(Number);
  const [y, m, d] = day.split('-').map(Number);
  return y - by - ((m < bm || (m === bm && d < bd)) ? 1 : 0);
}

/** Doses due on a date for a child with these recorded vaccinations; [] when the engine cannot say. */
export function dueFor(scheduleData, child, vaccinations, onDate) {
  if (!scheduleData?.length || !child?.birth_date) return [];
  // Non-NIP products the county added (Hib, PCV13, …) are not in the schedule: leave them out rather than let
  // the engine refuse the whole history and offer nothing.
  const known = new Set(vaccineCodes(scheduleData));
  const doses = vaccinations.filter((v) => known.has(v.vaccine) && v.given_on)
    .map((v) => ({ vaccine: v.vaccine, date: v.given_on }));
  try {
    return dueDoses(scheduleData, { birth_date: child.birth_date, on_date: onDate, doses });
  } catch {
    return [];
  }
}

/** The notice version in force on a date for one vaccine (latest effective ≤ date), or null. */
export function noticeFor(templates, vaccine, onDate) {
  const fits = templates.filter((tp) => (tp.vaccines || []).includes(vaccine) && (!tp.effective || tp.effective <= onDate));
  return fits.sort((a, b) => String(b.effective || '').localeCompare(String(a.effective || '')))[0] || null;
}

/** Planned vaccines grouped by the notice that covers them: [{notice, vaccines}], plus vaccines with none. */
export function groupByNotice(templates, planned, onDate) {
  const groups = new Map();
  const missing = [];
  for (const p of planned) {
    const notice = noticeFor(templates, p.vaccine, onDate);
    if (!notice) { missing.push(p.vaccine); continue; }
    const key = `${notice.template}@${notice.version}`;
    if (!groups.has(key)) groups.set(key, { notice, vaccines: [] });
    groups.get(key).vaccines.push(p);
  }
  return { groups: [...groups.values()], missing };
}

/** sha256 (hex) of a text as UTF-8, via WebCrypto. */
export async function sha256(text) {
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(buf)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Temperature rule shown before saving (the server's range: 34.0–43.0). */
export const temperatureOk = (v) => v === '' || v === undefined || (Number(v) >= 34 && Number(v) <= 43);

export const FEVER_C = 37.5;

/** Clinical warnings before a pre-check deciding to vaccinate: ill or febrile today (≥ 37.5 ℃). {path: [code]} */
export function clinicalWarnings(data) {
  if (data.decision !== 'vaccinate') return {};
  const out = {};
  if (data.answers?.ill_today === 'yes') out['answers.ill_today'] = ['ill_vaccinate'];
  if (typeof data.temperature_c === 'number' && data.temperature_c >= FEVER_C) out.temperature_c = ['fever_vaccinate'];
  return out;
}
