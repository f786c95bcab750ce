// A child's record on the phone, for the child's page: the doses with the engine's verdict on each (counted, or
// not counted and why), and the rules of a status change (records.md: `status_on` is required unless `active`).
import { childStatus, vaccineCodes } from './schedule.js';

export const STATUSES = ['active', 'temporary', 'moved_out', 'deceased'];
const LOCAL_KEYS = ['id', 'kind', 'rev', '_local'];

const inSeries = (scheduleData, code) => scheduleData.some((version) => version.vaccines?.[code]?.series);

/** Every vaccination of the child, oldest first, each with {counted, reason} from the engine on `today`. */
export function doseVerdicts(scheduleData, child, vaccinations, today) {
  const shots = [...vaccinations].sort((a, b) => String(a.given_on).localeCompare(String(b.given_on)));
  const known = new Set(vaccineCodes(scheduleData));
  let status = null;
  try {
    const doses = shots.filter((v) => known.has(v.vaccine) && v.given_on && v.given_on <= today)
      .map((v) => ({ vaccine: v.vaccine, date: v.given_on }));
    status = childStatus(scheduleData, { birth_date: child.birth_date, on_date: today, doses });
  } catch {
    return shots.map((v) => ({ ...v, counted: null, reason: null }));
  }
  const rejected = [...status.not_counted];
  return shots.map((v) => {
    if (!inSeries(scheduleData, v.vaccine)) return { ...v, counted: null, reason: null }; // non-NIP: not judged
    const i = rejected.findIndex((r) => r.vaccine === v.vaccine && r.date === v.given_on);
    if (i < 0) return { ...v, counted: true, reason: null };
    const [row] = rejected.splice(i, 1);
    return { ...v, counted: false, reason: row.reason };
  });
}

/** The child's data (no phone-side keys) with a new status and residence date; {data, errors}. */
export function statusChange(child, { status, status_on, resident_since }) {
  const data = Object.fromEntries(Object.entries(child).filter(([k]) => !LOCAL_KEYS.includes(k)));
  const errors = {};
  if (!STATUSES.includes(status)) errors.status = ['choice'];
  if (status && status !== 'active' && !status_on) errors.status_on = ['required'];
  if (status_on && child.birth_date && status_on < child.birth_date) errors.status_on = ['before_birth'];
  for (const key of ['status', 'status_on', 'resident_since']) delete data[key];
  if (status && status !== 'active') Object.assign(data, { status, status_on });
  else if (status === 'active' && child.status && child.status !== 'active') Object.assign(data, { status });
  if (resident_since) data.resident_since = resident_since;
  return { data, errors };
}
