// The 应种通知 list on the phone, offline: each registry child's open doses from the schedule engine, sorted into
// overdue (due more than 30 days ago, as GET /api/v1/due says), today (due now) and this week (falling due in the
// next 6 days), by village. Children who moved out or died (status) are left out. Plain values in and out.
import { childStatus, vaccineCodes } from './schedule.js';

export const OVERDUE_DAYS = 30;
export const WEEK_DAYS = 6;
export const GONE = ['moved_out', 'deceased'];
const BUCKETS = ['overdue', 'today', 'week'];

const dayNumber = (iso) => Math.round(Date.parse(`${iso}T00:00:00Z`) / 86400000);

/** The product's name in a language from the schedule data (the code itself only when no version names it). */
export function vaccineName(scheduleData, code, lang = 'zh-CN') {
  for (const version of scheduleData || []) {
    const entry = version.vaccines?.[code];
    if (entry?.[lang]) return entry[lang];
  }
  return code;
}

/** True when the child left the registry (moved out or died) on or before `onDate`. */
export function leftRegistry(child, onDate) {
  return GONE.includes(child.status) && (!child.status_on || child.status_on <= onDate);
}

function doseRows(scheduleData, child, shots, today) {
  const known = new Set(vaccineCodes(scheduleData));
  const doses = shots.filter((v) => known.has(v.vaccine) && v.given_on && v.given_on <= today)
    .map((v) => ({ vaccine: v.vaccine, date: v.given_on }));
  let status;
  try {
    status = childStatus(scheduleData, { birth_date: child.birth_date, on_date: today, doses });
  } catch {
    return [];
  }
  const now = dayNumber(today);
  const rows = status.series.flatMap((s) => [...s.missing, ...(s.next ? [s.next] : [])]
    .map((n) => ({ series: s.series, series_name: s.name, ...n, days: now - dayNumber(n.due_since) })));
  return rows.filter((r) => r.days >= -WEEK_DAYS).map((r) => ({ ...r,
    bucket: r.days > OVERDUE_DAYS ? 'overdue' : (r.days >= 0 ? 'today' : 'week') }));
}

/**
 * The due list on `today`: {overdue, today, week}, each a list of {village_code, children: [{child, doses}]}
 * sorted by village then name. A child stands in the section of its most urgent dose, with every dose listed.
 */
export function dueList({ scheduleData, children, vaccinations, today }) {
  const byChild = new Map();
  for (const v of vaccinations) {
    if (!byChild.has(v.child_id)) byChild.set(v.child_id, []);
    byChild.get(v.child_id).push(v);
  }
  const out = Object.fromEntries(BUCKETS.map((b) => [b, new Map()]));
  for (const child of children) {
    if (!child.birth_date || child.birth_date > today || leftRegistry(child, today)) continue;
    const doses = doseRows(scheduleData, child, byChild.get(child.id) || [], today);
    if (!doses.length) continue;
    const bucket = BUCKETS.find((b) => doses.some((d) => d.bucket === b));
    const village = child.village_code || '';
    if (!out[bucket].has(village)) out[bucket].set(village, []);
    out[bucket].get(village).push({ child, doses: doses.sort((a, b) => a.days < b.days ? 1 : -1) });
  }
  return Object.fromEntries(BUCKETS.map((b) => [b, [...out[b].entries()].sort(([a], [c]) => a.localeCompare(c))
    .map(([village_code, rows]) => ({ village_code,
      children: rows.sort((x, y) => (x.child.name || '').localeCompare(y.child.name || '', 'zh-CN')) }))]));
}
