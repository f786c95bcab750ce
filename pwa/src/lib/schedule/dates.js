// Calendar arithmetic on day numbers (whole days since 1970-01-01, UTC; never local time) and ISO durations.
// Month-end rule: born 31 Jan → 1 month on the last day of February. Mirrors webapp/domain/schedule/dates.py.

const DURATION = /^P(\d+)([DMY])$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;

// Day numbers ⇄ civil dates by arithmetic (H. Hinnant's algorithms): no Date objects in the hot path.
function toDay(y, m, d) {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  return era * 146097 + yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy - 719468;
}

const isLeap = (y) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
const daysInMonth = (y, m) => (m === 2 && isLeap(y) ? 29 : MONTH_DAYS[m - 1]);

function ymd(day) {
  const z = day + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

/** `YYYY-MM-DD` of a day number. */
export function isoDate(day) {
  const [y, m, d] = ymd(day);
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** A `YYYY-MM-DD` string as a day number, or null when it is not a real date. */
export function parseIsoDate(text) {
  const match = typeof text === 'string' ? ISO.exec(text) : null;
  if (!match) return null;
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m) || y < 1) return null;
  return toDay(y, m, d);
}

const durationCache = new Map();
/** A duration `P<n>D|M|Y` as [unit, n], years as months. */
export function parseDuration(text) {
  let parsed = durationCache.get(text);
  if (!parsed) {
    const match = DURATION.exec(text || '');
    if (!match) throw new Error(`bad duration: ${text}`);
    const n = Number(match[1]);
    parsed = match[2] === 'Y' ? ['M', n * 12] : [match[2], n];
    durationCache.set(text, parsed);
  }
  return parsed;
}

/** The same day-of-month `months` later, or that month's last day. */
export function addMonths(day, months) {
  const [y, m, d] = ymd(day);
  const index = y * 12 + m - 1 + months;
  const year = Math.floor(index / 12);
  const month = (index % 12) + 1;
  return toDay(year, month, Math.min(d, daysInMonth(year, month)));
}

/** `day` plus a duration (`P14D`, `P2M`, `P1Y`). */
export function addDuration(day, text) {
  const [unit, n] = parseDuration(text);
  return unit === 'D' ? day + n : addMonths(day, n);
}

/** [years, months, days] of age on `on` for a child born on `birth`. */
export function ageParts(birth, on) {
  const [by, bm] = ymd(birth);
  const [oy, om] = ymd(on);
  let months = (oy - by) * 12 + om - bm;
  while (months > 0 && addMonths(birth, months) > on) months -= 1;
  return [Math.floor(months / 12), months % 12, on - addMonths(birth, months)];
}
