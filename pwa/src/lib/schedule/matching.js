// Generic slots: match the documented doses to a series' slots, then chain the due dates of the open slots.
// Mirrors webapp/domain/schedule/matching.py.
import { valueOf } from './book.js';
import { need } from './context.js';
import { isoDate } from './dates.js';

/** Why `dose` cannot fill `slot` (too young, too old, too soon), or null when it counts. */
export function checkSlot(ctx, series, slot, dose, counted, intervalOverride) {
  const version = ctx.versionAt(dose.date);
  const number = counted.length + 1;
  const name = ctx.vaccineName(dose.vaccine);
  const last = counted[counted.length - 1];
  if (slot.min_age != null && dose.date < ctx.ageDate(slot.min_age, version)) {
    return ctx.text(series.too_young || 'too_young', { vaccine_name: name, dose: number,
      min_age: ctx.durationText(valueOf(version, slot.min_age), 'age') });
  }
  if (series.until && dose.date >= ctx.ageDate(series.until, version)) {
    return ctx.text('too_old', { vaccine_name: name, max_age: ctx.durationText(valueOf(version, series.until), 'age') });
  }
  const interval = intervalOverride || slot.interval;
  if (last && interval && dose.date < ctx.add(last.date, interval, version)) {
    return ctx.text('too_soon', { vaccine_name: name, dose: number, prev_date: isoDate(last.date),
      interval: ctx.durationText(valueOf(version, interval), 'interval') });
  }
  if (last && slot.after_first && dose.date < ctx.add(counted[0].date, slot.after_first, version)) {
    return ctx.text('too_soon_first', { vaccine_name: name, dose: number, prev_date: isoDate(counted[0].date),
      interval: ctx.durationText(valueOf(version, slot.after_first), 'interval') });
  }
  return null;
}

/** Fill slots in date order; `slotsFor(dose)` gives [series definition, slots] in force for that dose. */
export function match(ctx, result, doses, slotsFor, check = checkSlot) {
  for (const dose of doses) {
    const [series, slots] = slotsFor(dose);
    if (result.counted.length >= slots.length) {
      result.notes.push(ctx.text('extra_dose', { series_name: ctx.seriesName(result.code),
        vaccine_name: ctx.vaccineName(dose.vaccine), date: isoDate(dose.date) }));
      continue;
    }
    const reason = check(ctx, series, slots[result.counted.length], dose, result.counted);
    if (reason) result.rejected.push([dose, reason]);
    else result.counted.push(dose);
  }
}

const slotAge = (slot) => slot.due_age || slot.min_age || 'P0D';
const pickDoses = (series) => series.doses;

// The first day on which the schedule in force makes slot k due by age (across a schedule change).
function dueByAge(ctx, code, k, pick) {
  if (ctx.pinned) return ctx.ageDate(slotAge(pick(ctx.version.byCode[code])[k]));
  const versions = ctx.book.versions;
  let best = null;
  versions.forEach((raw, i) => {
    const version = i ? ctx.versionAt(raw.effectiveFrom) : ctx.versionAt(-Infinity);
    const slots = pick(version.byCode[code]);
    if (k >= slots.length) return;
    let day = ctx.ageDate(slotAge(slots[k]), version);
    if (i) day = Math.max(day, raw.effectiveFrom);
    if (i + 1 < versions.length && day >= versions[i + 1].effectiveFrom) return;
    best = best === null ? day : Math.min(best, day);
  });
  return best !== null ? best : ctx.ageDate(slotAge(pick(ctx.version.byCode[code])[k]));
}

/** The needs of the open slots from the counted doses on, each due by age and by interval (up to `stop`). */
export function chain(ctx, code, slots, counted, stop = null, intervalFor = null, pick = pickDoses) {
  let prev = counted.length ? counted[counted.length - 1].date : null;
  let first = counted.length ? counted[0].date : null;
  const needs = [];
  const end = Math.min(stop === null ? slots.length : stop, slots.length);
  for (let k = counted.length; k < end; k += 1) {
    const slot = slots[k];
    let due = dueByAge(ctx, code, k, pick);
    if (prev !== null && slot.interval) {
      const interval = intervalFor ? intervalFor(k, due, prev) : slot.interval;
      due = Math.max(due, ctx.add(prev, interval));
    }
    if (first !== null && slot.after_first) due = Math.max(due, ctx.add(first, slot.after_first));
    needs.push(need(code, k + 1, slot.offer, due, slot.deadline || null));
    prev = due;
    first = first === null ? due : first;
  }
  return needs;
}
