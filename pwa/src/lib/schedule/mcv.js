// Measles-containing vaccines: needs by birth cohort, counted per component, gaps filled with MMR.
// Mirrors webapp/domain/schedule/mcv.py.
import { need, newResult } from './context.js';
import { parseIsoDate } from './dates.js';
import { checkSlot } from './matching.js';

const COMPONENTS = ['measles', 'mumps', 'rubella'];

function mcvCohort(ctx, series) {
  for (const cohort of series.cohorts) {
    const bornFrom = ctx.value(cohort.born_from);
    if (bornFrom == null || ctx.birth >= parseIsoDate(bornFrom)) return cohort;
  }
  return series.cohorts[series.cohorts.length - 1];
}

function mcvGap(needs, have) {
  return Math.max(0, ...COMPONENTS.filter((c) => c in needs).map((c) => needs[c] - have[c]));
}

/** Count valid measles-containing doses and list the MMR doses still needed, with their due dates. */
export function mcv(ctx, series, doses) {
  const result = newResult(series.code);
  for (const dose of doses) {
    const at = ctx.seriesAt(dose.date, result.code);
    const slot = { min_age: at.min_age, interval: at.interval, offer: at.offer };
    const reason = checkSlot(ctx, { ...at, too_young: 'mcv_too_young' }, slot, dose, result.counted);
    if (reason) result.rejected.push([dose, reason]);
    else result.counted.push(dose);
  }
  const have = { measles: 0, mumps: 0, rubella: 0 };
  for (const dose of result.counted) for (const c of ctx.version.vaccines[dose.vaccine].components) have[c] += 1;
  const steps = mcvCohort(ctx, series).needs.map((step) => [ctx.ageDate(step.age), mcvGap(step, have)]);
  let prev = result.counted.length ? result.counted[result.counted.length - 1].date : null;
  const most = Math.max(...steps.map(([, gap]) => gap));
  for (let i = 1; i <= most; i += 1) {
    let due = Math.min(...steps.filter(([, gap]) => gap >= i).map(([day]) => day));
    if (prev !== null) due = Math.max(due, ctx.add(prev, series.interval));
    const number = result.counted.length + i;
    const deadline = number <= series.deadlines.length ? series.deadlines[number - 1] : null;
    result.needs.push(need(result.code, number, series.offer, due, deadline));
    prev = due;
  }
  return result;
}
