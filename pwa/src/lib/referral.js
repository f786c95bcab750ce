// The deadlines of a school referral, by the rules the scores count (domain.md §3; webapp/domain/school_checks.py):
// the catch-up closes within 30 days of the guardian's notice (30天内补种闭环率: closed ≤ notified_on + 30 days), and
// the school rechecks by 31 December of the term's year (年底前复查率).
export const CLOSE_WITHIN_DAYS = 30;

const DAY_MS = 86400000;
const dayMs = (day) => Date.parse(`${day}T00:00:00Z`);

/** The last day to close the catch-up: notified_on + 30 days ('' without a valid notice day). */
export function catchUpDeadline(notifiedOn) {
  const start = /^\d{4}-\d{2}-\d{2}$/.test(notifiedOn || '') ? dayMs(notifiedOn) : NaN;
  return Number.isNaN(start) ? '' : new Date(start + CLOSE_WITHIN_DAYS * DAY_MS).toISOString().slice(0, 10);
}

/** The school's recheck deadline: 31 December of the term's year (`2026-autumn` → 2026-12-31; '' when unknown). */
export function recheckBy(term) {
  const year = /^(\d{4})-/.exec(term || '')?.[1];
  return year ? `${year}-12-31` : '';
}

/** Whole days from `today` to `deadline` (negative once it has passed). */
export const daysLeft = (deadline, today) => Math.round((dayMs(deadline) - dayMs(today)) / DAY_MS);
