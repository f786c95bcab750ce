// The evaluation: validate the input, run every series' rules, and answer as records.md says (evaluate), for the
// nurse's pre-check (dueDoses) and for a child's card (childStatus). Mirrors webapp/domain/schedule/engine.py.
import { inForce, loadBook, valueOf } from './book.js';
import { Ctx, ScheduleInputError, withSettings } from './context.js';
import { ageParts, isoDate, parseIsoDate } from './dates.js';
import { dtp } from './dtp.js';
import { bcg, menac, polio, standard, tracks } from './kinds.js';
import { mcv } from './mcv.js';

const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key); // Object.hasOwn needs Chrome 93
const HANDLERS = { standard, bcg, polio, dtp, mcv, tracks, menac };

function dateField(value, field) {
  const day = parseIsoDate(value);
  if (day === null) throw new ScheduleInputError(field, 'invalid_date');
  return day;
}

function parseDoses(version, birth, doses) {
  if (!Array.isArray(doses)) throw new ScheduleInputError('doses', 'invalid');
  const parsed = doses.map((dose, i) => {
    if (!dose || typeof dose !== 'object' || Array.isArray(dose)) throw new ScheduleInputError(`doses.${i}`, 'invalid');
    if (typeof dose.vaccine !== 'string' || !has(version.vaccines, dose.vaccine)) {
      throw new ScheduleInputError(`doses.${i}.vaccine`, 'unknown_vaccine');
    }
    const day = dateField(dose.date, `doses.${i}.date`);
    if (day < birth) throw new ScheduleInputError(`doses.${i}.date`, 'before_birth');
    return { vaccine: dose.vaccine, date: day, index: i };
  });
  return parsed.sort((a, b) => a.date - b.date || a.index - b.index);
}

function makeContext(book, birth, on, scheduleId, lang, settings) {
  if (scheduleId != null && (typeof scheduleId !== 'string' || !has(book.byId, scheduleId))) {
    throw new ScheduleInputError('schedule', 'unknown_schedule');
  }
  const base = scheduleId != null ? book.byId[scheduleId] : inForce(book, on);
  return new Ctx(book, withSettings(base, settings), birth, on, lang, settings, scheduleId != null);
}

// Injectable live vaccines on different days less than 28 days apart: the later one does not count.
function liveConflicts(ctx, doses) {
  const kept = [];
  const rejected = [];
  const live = [];
  for (const dose of doses) {
    if (ctx.version.vaccines[dose.vaccine].live_injectable) {
      const version = ctx.versionAt(dose.date);
      const clash = [...live].reverse()
        .find((e) => e.date < dose.date && dose.date < ctx.add(e.date, '$live_injectable_interval', version));
      if (clash) {
        rejected.push([dose, ctx.text('live_interval', { vaccine_name: ctx.vaccineName(dose.vaccine),
          other_name: ctx.vaccineName(clash.vaccine), other_date: isoDate(clash.date),
          interval: ctx.durationText(valueOf(version, '$live_injectable_interval'), 'interval') })]);
        continue;
      }
      live.push(dose);
    }
    kept.push(dose);
  }
  return [kept, rejected];
}

// Validate the input and evaluate every series; the building block of the public helpers.
function run(scheduleData, input) {
  const { birth_date: birthDate, on_date: onDate, doses = [], schedule = null, lang = 'zh-CN', settings = null } = input;
  const book = loadBook(scheduleData);
  const birth = dateField(birthDate, 'birth_date');
  const on = dateField(onDate, 'on_date');
  if (on < birth) throw new ScheduleInputError('on_date', 'before_birth');
  const ctx = makeContext(book, birth, on, schedule, lang, settings);
  const parsed = parseDoses(ctx.version, birth, doses);
  const notes = parsed.filter((d) => d.date > on)
    .map((d) => ctx.text('after_on_date', { vaccine_name: ctx.vaccineName(d.vaccine), date: isoDate(d.date) }));
  const [given, rejected] = liveConflicts(ctx, parsed.filter((d) => d.date <= on));
  ctx.adult = on >= ctx.ageDate('$catch_up_until');
  for (const series of ctx.version.series) {
    const mine = given.filter((d) => ctx.version.vaccines[d.vaccine].series === series.code);
    ctx.results.set(series.code, HANDLERS[series.kind](ctx, series, mine));
  }
  if (ctx.adult) for (const result of ctx.results.values()) result.needs = [];
  return { ctx, notes, rejected, given, adult: ctx.adult };
}

function notCounted(state) {
  const rows = [...state.rejected];
  for (const result of state.ctx.results.values()) rows.push(...result.rejected);
  rows.sort((a, b) => a[0].date - b[0].date || a[0].index - b[0].index);
  return rows.map(([d, reason]) => ({ vaccine: d.vaccine, date: isoDate(d.date), reason }));
}

function allNotes(state) {
  const notes = [...state.notes];
  for (const result of state.ctx.results.values()) notes.push(...result.notes);
  if (state.adult) notes.push(state.ctx.text('adult'));
  return notes;
}

/** The records.md evaluation `{schedule, complete, missing, not_counted, notes}` as of `on_date`. */
export function evaluate(scheduleData, input) {
  const state = run(scheduleData, input);
  const missing = [];
  for (const result of state.ctx.results.values()) {
    for (const n of result.needs) {
      if (n.due <= state.ctx.on) missing.push({ series: n.series, dose: n.dose, vaccine: n.vaccine, due_since: isoDate(n.due) });
    }
  }
  return { schedule: state.ctx.version.id, complete: missing.length === 0, missing,
    not_counted: notCounted(state), notes: allNotes(state) };
}

// The first day a needed dose may be given, also respecting the 28-day rule between live vaccines.
function earliestDay(state, n) {
  const { ctx } = state;
  let earliest = Math.max(n.due, n.earliest ?? n.due);
  if (ctx.version.vaccines[n.vaccine].live_injectable) {
    for (const dose of state.given) {
      const until = ctx.add(dose.date, '$live_injectable_interval');
      if (ctx.version.vaccines[dose.vaccine].live_injectable && dose.date < ctx.on && ctx.on < until) {
        earliest = Math.max(earliest, until);
      }
    }
  }
  return earliest;
}

/** For the nurse's pre-check: the next dose of each series that is due or overdue on `on_date`. */
export function dueDoses(scheduleData, input) {
  const state = run(scheduleData, input);
  const { ctx } = state;
  const out = [];
  for (const result of ctx.results.values()) {
    const n = result.needs.find((x) => x.due <= ctx.on);
    if (!n) continue;
    const earliest = earliestDay(state, n);
    out.push({ series: n.series, dose: n.dose, vaccine: n.vaccine, due_since: isoDate(n.due), earliest: isoDate(earliest),
      can_give_today: earliest <= ctx.on, requires_ppd: n.ppd,
      overdue: Boolean(n.deadline) && ctx.on >= ctx.ageDate(n.deadline) });
  }
  return out;
}

/** A child's full status: age, and per series the counted doses, the missing ones and the next one. */
export function childStatus(scheduleData, input) {
  const state = run(scheduleData, input);
  const { ctx } = state;
  const needRow = (n) => ({ dose: n.dose, vaccine: n.vaccine, due_since: isoDate(n.due) });
  const series = [...ctx.results.values()].map((result) => {
    const upcoming = result.needs.filter((n) => n.due > ctx.on);
    return { series: result.code, name: ctx.seriesName(result.code), track: result.track,
      counted: result.counted.map((d, i) => ({ dose: i + 1, vaccine: d.vaccine, date: isoDate(d.date) })),
      missing: result.needs.filter((n) => n.due <= ctx.on).map(needRow),
      next: upcoming.length ? needRow(upcoming[0]) : null };
  });
  const [years, months, days] = ageParts(ctx.birth, ctx.on);
  return { schedule: ctx.version.id, age: { years, months, days }, complete: !series.some((s) => s.missing.length),
    series, not_counted: notCounted(state), notes: allNotes(state) };
}
