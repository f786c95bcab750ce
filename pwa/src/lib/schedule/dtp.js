// DTP: from the catch-up age, <3 doses → 3; ≥3 with a booster (DT, or a dose from that age) → done; else one more.
// Mirrors webapp/domain/schedule/dtp.py.
import { newResult } from './context.js';
import { chain, checkSlot, match } from './matching.js';

function dtpCatchUpInterval(series, k, normal) {
  return (series.catch_up_intervals || {})[String(k + 1)] || normal;
}

function dtpCheck(ctx, series, slot, dose, counted) {
  const version = ctx.versionAt(dose.date);
  let interval = slot.interval;
  if (dose.date >= ctx.ageDate(series.catch_up_from, version)) interval = dtpCatchUpInterval(series, counted.length, interval);
  return checkSlot(ctx, series, slot, dose, counted, interval);
}

function dtpTarget(ctx, series, counted) {
  const fromAge = ctx.ageDate(series.catch_up_from);
  if (ctx.on < fromAge) return null;
  const n = counted.length;
  const boosted = counted.some((d) => series.booster_products.includes(d.vaccine) || d.date >= fromAge);
  if (n < 3) return 3;
  return boosted || n >= series.doses.length ? n : n + 1;
}

function dtpOffer(ctx, series, day) {
  let offer = series.offer_by_age[0].vaccine;
  for (const rule of series.offer_by_age) if (day >= ctx.ageDate(rule.from)) offer = rule.vaccine;
  return offer;
}

// A dose that fell due before the catch-up age but is given from it keeps the catch-up interval (DT dose 3
// ≥ 6 months after dose 2), so it cannot be given earlier than that today.
function dtpEarliestFromCatchUpAge(ctx, series, result, fromAge) {
  if (!result.needs.length || !result.counted.length || ctx.on < fromAge) return;
  const k = result.counted.length;
  const normal = k < series.doses.length ? series.doses[k].interval : null;
  if (!normal) return;
  const first = result.needs[0];
  first.earliest = Math.max(first.due, ctx.add(result.counted[k - 1].date, dtpCatchUpInterval(series, k, normal)));
}

/** DTP under the version in force, with the 6-year catch-up rules. */
export function dtp(ctx, series, doses) {
  const result = newResult(series.code);
  match(ctx, result, doses, (dose) => { const at = ctx.seriesAt(dose.date, series.code); return [at, at.doses]; }, dtpCheck);
  const fromAge = ctx.ageDate(series.catch_up_from);
  const intervalFor = (k, due, prev) => {
    const normal = series.doses[k].interval;
    return Math.max(due, ctx.add(prev, normal)) >= fromAge ? dtpCatchUpInterval(series, k, normal) : normal;
  };
  result.needs = chain(ctx, series.code, series.doses, result.counted, dtpTarget(ctx, series, result.counted), intervalFor);
  for (const n of result.needs) n.vaccine = dtpOffer(ctx, series, Math.max(ctx.on, n.due));
  dtpEarliestFromCatchUpAge(ctx, series, result, fromAge);
  if (result.needs.length && !ctx.adult && ctx.on >= ctx.ageDate(series.adult_td_from)) result.notes.push(ctx.text('dtp_td'));
  return result;
}
