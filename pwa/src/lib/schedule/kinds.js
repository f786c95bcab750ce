// Series rules by kind: standard slots (HepB, MenA), BCG, polio, product tracks (JE, HepA) and MenAC.
// DTP and measles-containing vaccines have their own modules (dtp.js, mcv.js). Mirrors webapp/domain/schedule/kinds.py.
import { valueOf } from './book.js';
import { need, newResult } from './context.js';
import { isoDate, parseIsoDate } from './dates.js';
import { chain, checkSlot, match } from './matching.js';

const dosesAt = (ctx, code) => (dose) => { const s = ctx.seriesAt(dose.date, code); return [s, s.doses]; };

// A series that stops at an age (BCG at 4 years, MPSV-A at 24 months) is never missing after it.
function applyUntil(ctx, series, result) {
  if (!series.until) return;
  const limit = ctx.ageDate(series.until);
  if (ctx.on < limit) {
    result.needs = result.needs.filter((n) => n.due < limit);
    return;
  }
  result.needs = [];
  if (result.counted.length < series.doses.length) result.notes.push(ctx.text(series.until_note));
}

/** Slots in order, each with a minimum age and interval; optionally stopping at an age. */
export function standard(ctx, series, doses) {
  const result = newResult(series.code);
  match(ctx, result, doses, dosesAt(ctx, series.code));
  result.needs = chain(ctx, series.code, series.doses, result.counted);
  applyUntil(ctx, series, result);
  return result;
}

/** BCG: directly under 3 months, after a negative PPD test from 3 months, never from 4 years. */
export function bcg(ctx, series, doses) {
  const result = standard(ctx, series, doses);
  if (result.needs.length && ctx.on >= ctx.ageDate(series.ppd_from)) {
    for (const n of result.needs) n.ppd = true;
    result.notes.push(ctx.text('bcg_ppd'));
  }
  return result;
}

/** Polio: 3 doses under 4 years, 4 from 4 years (any polio product counts), IPV first. */
export function polio(ctx, series, doses) {
  const result = standard(ctx, series, doses);
  const products = new Set(result.counted.map((d) => d.vaccine));
  const bornFrom = parseIsoDate(ctx.value(series.ipv_required_born_from));
  if (result.counted.length && !products.has('IPV') && !products.has('tOPV') && ctx.birth >= bornFrom) {
    const slots = series.doses;
    const k = result.counted.length;
    const last = result.counted[k - 1];
    let due = Math.max(ctx.ageDate(slots[0].min_age), ctx.add(last.date, slots[1].interval));
    if (k < slots.length && slots[k].min_age) due = Math.max(due, ctx.ageDate(slots[k].min_age));
    if (result.needs.length) {
      result.needs[0].vaccine = series.first;
      result.needs[0].due = Math.min(result.needs[0].due, due);
    } else {
      result.needs.push(need(series.code, result.counted.length + 1, series.first, due));
    }
    if (!ctx.adult) result.notes.push(ctx.text('polio_ipv'));
  } else if (!result.counted.length && result.needs.length) {
    result.needs[0].vaccine = series.first;
  }
  return result;
}

// The product line of the first dose given at a valid age, else the routine product.
function pickTrack(ctx, series, doses) {
  for (const dose of doses) {
    const slots = ctx.seriesAt(dose.date, series.code).tracks[dose.vaccine];
    if (slots && dose.date >= ctx.ageDate(slots[0].min_age, ctx.versionAt(dose.date))) return dose.vaccine;
  }
  return series.default_track;
}

/** Alternatives with their own dose counts (JE-L 2 or JE-I 4; HepA-L 1 or HepA-I 2). */
export function tracks(ctx, series, doses) {
  const track = pickTrack(ctx, series, doses);
  const result = newResult(series.code, track);
  match(ctx, result, doses, (dose) => { const at = ctx.seriesAt(dose.date, series.code); return [at, at.tracks[track]]; });
  result.needs = chain(ctx, series.code, series.tracks[track], result.counted, null, null, (at) => at.tracks[track]);
  return result;
}

function menacRule(series, menaDoses) {
  if (menaDoses.length >= 2) return [series.doses[0].min_age, menaDoses[1], series.after_mena2];
  if (menaDoses.length === 1) return [series.early_from, menaDoses[0], series.after_mena1];
  return [series.early_from, null, null];
}

function menacCheck(ctx, series, slot, dose, counted) {
  if (counted.length) return checkSlot(ctx, series, slot, dose, counted);
  const version = ctx.versionAt(dose.date);
  const mena = ctx.results.get('MenA').counted.filter((d) => d.date < dose.date);
  const [minAge, ref, interval] = menacRule(series, mena);
  const reason = checkSlot(ctx, series, { ...slot, min_age: minAge }, dose, counted);
  if (reason || ref === null || dose.date >= ctx.add(ref.date, interval, version)) return reason;
  return ctx.text('too_soon_mena', { vaccine_name: ctx.vaccineName(dose.vaccine), dose: 1,
    prev_date: isoDate(ref.date), interval: ctx.durationText(valueOf(version, interval), 'interval') });
}

/** MPSV-AC at 3 and 6 years; from 24 months it replaces missing MPSV-A doses. */
export function menac(ctx, series, doses) {
  const result = newResult(series.code);
  match(ctx, result, doses, dosesAt(ctx, series.code), menacCheck);
  result.needs = chain(ctx, series.code, series.doses, result.counted);
  if (!result.counted.length && result.needs.length) {
    const [minAge, ref, interval] = menacRule(series, ctx.results.get('MenA').counted);
    let due = ctx.ageDate(minAge);
    if (ref !== null) due = Math.max(due, ctx.add(ref.date, interval));
    const first = result.needs[0];
    result.needs = [need(first.series, 1, first.vaccine, due, first.deadline)]
      .concat(chain(ctx, series.code, series.doses, [{ date: due }]));
  }
  return result;
}
