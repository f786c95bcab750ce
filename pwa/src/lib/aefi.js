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

/** The monthly period of a date (the county's default cadence): 2026-11. */
export const monthOf = (isoDay) => String(isoDay).slice(0, 7);

/** The last `n` monthly periods ending with the current one, newest first. */
export function recentMonths(today, n = 12) {
  let [y, m] = today.split('-').map(Number);
  const out = [];
  for (let i = 0; i < n; i++) {
    out.push(`${y}-${pad(m)}`);
    m -= 1;
    if (m === 0) { m = 12; y -= 1; }
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
export function zeroRefusal(period, unit, reports, zeros) {
  if (reports.some((r) => r.unit_code === unit && r.onset_at && monthOf(r.onset_at) === period)) return 'zero_has_case';
  if (zeros.some((z) => z.unit_code === unit && z.period === period)) return 'zero_exists';
  return null;
}
