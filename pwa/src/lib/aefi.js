// AEFI case report rules on the phone: date order (vaccinated_on ≤ onset ≤ discovered ≤ reported, none in the
// future), suspect vaccines from the child's recorded doses, and zero-report periods. Plain values in and out.

export const MAX_SUSPECTS = 3;
export const CLOCK_TOLERANCE_MS = 5 * 60000;
export const OUTCOMES = ['recovered', 'improved', 'sequelae', 'death', 'unknown'];
export const PRELIMINARY = ['general_reaction', 'pending'];
export const DETECTION = ['passive', 'active'];

const day = (iso) => (iso ? String(iso).slice(0, 10) : null);
const ms = (iso) => (iso ? new Date(iso).getTime() : null);

function add(errors, path, code) { (errors[path] ||= []).push(code); }

/** Date-order and future checks: {path: [code]} naming the field that is wrong. */
export function dateErrors(data, now = Date.now()) {
  const errors = {};
  const latest = now + CLOCK_TOLERANCE_MS;
  (data.vaccines || []).forEach((v, i) => {
    if (v.vaccinated_on && ms(`${v.vaccinated_on}T00:00:00`) > latest) add(errors, `vaccines.${i}.vaccinated_on`, 'future');
    if (data.birth_date && v.vaccinated_on && v.vaccinated_on < data.birth_date) add(errors, `vaccines.${i}.vaccinated_on`, 'before_birth');
    if (data.onset_at && v.vaccinated_on && day(data.onset_at) < v.vaccinated_on && !errors.onset_at) {
      add(errors, 'onset_at', 'onset_before_vaccination');
    }
  });
  if (data.onset_at && data.discovered_at && ms(data.discovered_at) < ms(data.onset_at)) add(errors, 'discovered_at', 'discovered_before_onset');
  if (data.discovered_at && data.reported_at && ms(data.reported_at) < ms(data.discovered_at)) add(errors, 'reported_at', 'reported_before_discovered');
  for (const f of ['onset_at', 'discovered_at', 'reported_at']) if (data[f] && ms(data[f]) > latest) add(errors, f, 'future');
  return errors;
}

/** A suspect vaccine entry copied from a recorded vaccination. */
export function suspectFrom(vaccination) {
  const out = { vaccine: vaccination.vaccine, manufacturer: vaccination.manufacturer, lot_no: vaccination.lot_no,
    vaccinated_on: vaccination.given_on, dose: vaccination.dose, strategy: vaccination.strategy || 'routine' };
  if (vaccination.route) out.route = vaccination.route;
  if (vaccination.site) out.site = vaccination.site;
  return out;
}

const pad = (n) => String(n).padStart(2, '0');

/** The zero-report period holding a day, named as the server names it (webapp/domain/periods.py): `2026-11`
 * monthly (the default cadence), `2026-W47` weekly (ISO week), `2026-11-D2` dekad (旬), `2026-Q4` quarterly. */
export function periodOf(isoDay, cadence = 'monthly') {
  const [y, m, d] = String(isoDay).slice(0, 10).split('-').map(Number);
  if (cadence === 'weekly') return isoWeek(y, m, d);
  if (cadence === 'dekad') return `${y}-${pad(m)}-D${d <= 10 ? 1 : d <= 20 ? 2 : 3}`;
  if (cadence === 'quarterly') return `${y}-Q${Math.floor((m - 1) / 3) + 1}`;
  return `${y}-${pad(m)}`;
}

function isoWeek(y, m, d) {
  const day = new Date(Date.UTC(y, m - 1, d));
  day.setUTCDate(d + 4 - (day.getUTCDay() || 7)); // the Thursday of its week names the week's year
  const year = day.getUTCFullYear();
  return `${year}-W${pad(Math.ceil(((day - Date.UTC(year, 0, 1)) / 86400000 + 1) / 7))}`;
}

/** The first day (YYYY-MM-DD) of the period of this cadence holding a day. */
function periodStart(isoDay, cadence) {
  const [y, m, d] = String(isoDay).slice(0, 10).split('-').map(Number);
  const day = new Date(Date.UTC(y, m - 1, d));
  if (cadence === 'weekly') day.setUTCDate(d - ((day.getUTCDay() || 7) - 1));
  else if (cadence === 'dekad') day.setUTCDate(d <= 10 ? 1 : d <= 20 ? 11 : 21);
  else if (cadence === 'quarterly') day.setUTCMonth(Math.floor((m - 1) / 3) * 3, 1);
  else day.setUTCDate(1);
  return day.toISOString().slice(0, 10);
}

/** The last `n` periods of the cadence ending with the one holding `today`, newest first. */
export function recentPeriods(today, n = 12, cadence = 'monthly') {
  const out = [];
  let day = String(today).slice(0, 10);
  for (let i = 0; i < n; i++) {
    out.push(periodOf(day, cadence));
    const before = new Date(`${periodStart(day, cadence)}T00:00:00Z`);
    before.setUTCDate(before.getUTCDate() - 1);
    day = before.toISOString().slice(0, 10);
  }
  return out;
}

/** The state of a unit's period: cases / zero / contradicted / open (not ended yet) / silent. */
export function periodState(period, current, { cases, zero }) {
  if (zero?.state === 'contradicted' || (zero && cases)) return 'contradicted';
  if (cases) return 'cases';
  if (zero) return 'zero';
  return period === current ? 'open' : 'silent';
}

/** Why a zero report for this unit and period is refused ('zero_has_case' | 'zero_exists'), or null. */
export function zeroRefusal(period, unit, reports, zeros, cadence = 'monthly') {
  if (reports.some((r) => r.unit_code === unit && r.onset_at && periodOf(r.onset_at, cadence) === period)) {
    return 'zero_has_case';
  }
  if (zeros.some((z) => z.unit_code === unit && z.period === period)) return 'zero_exists';
  return null;
}
