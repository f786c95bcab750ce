// The national schedule engine on the phone: the same rules as webapp/domain/schedule (Python), reading the
// same versioned data (webapp/data/schedule/*.json, passed in parsed). tests/vectors/schedule.json proves both
// engines agree. Dependency-free ES module; dates are whole days since 1970-01-01 (UTC), never local time.

const DURATION = /^P(\d+)([DMY])$/;
const ISO = /^(\d{4})-(\d{2})-(\d{2})$/;
const COMPONENTS = ['measles', 'mumps', 'rubella'];
const has = (obj, key) => Object.prototype.hasOwnProperty.call(obj, key); // Object.hasOwn needs Chrome 93

/** Invalid input: `field` names it (`birth_date`, `doses.2.vaccine`, ...), `code` says why. */
export class ScheduleInputError extends Error {
  constructor(field, code) {
    super(`${field}: ${code}`);
    this.name = 'ScheduleInputError';
    this.field = field;
    this.code = code;
  }
}

// ---- calendar arithmetic (month-end rule: born 31 Jan → 1 month on the last day of February)

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
function parseDuration(text) {
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

function addDuration(day, text) {
  const [unit, n] = parseDuration(text);
  return unit === 'D' ? day + n : addMonths(day, n);
}

function ageParts(birth, on) {
  const [by, bm] = ymd(birth);
  const [oy, om] = ymd(on);
  let months = (oy - by) * 12 + om - bm;
  while (months > 0 && addMonths(birth, months) > on) months -= 1;
  return [Math.floor(months / 12), months % 12, on - addMonths(birth, months)];
}

// ---- the data: versions with effective dates, `extends` resolved

function buildVersion(id, effectiveFrom, flat, settings) {
  const series = flat.series;
  const byCode = Object.fromEntries(series.map((s) => [s.code, s]));
  return { id, effectiveFrom, title: flat.title, settings, vaccines: flat.vaccines, series, byCode,
    units: flat.units, messages: flat.messages, flat };
}

function valueOf(version, ref) {
  return typeof ref === 'string' && ref.startsWith('$') ? version.settings[ref.slice(1)] : ref;
}

function withSettings(version, overrides) {
  if (!overrides || Object.keys(overrides).length === 0) return version;
  for (const name of Object.keys(overrides)) {
    if (!(name in version.settings)) throw new ScheduleInputError('settings', 'unknown_setting');
  }
  return buildVersion(version.id, version.effectiveFrom, version.flat, { ...version.settings, ...overrides });
}

function resolveVersions(rawFiles) {
  const byId = Object.fromEntries(rawFiles.map((raw) => [raw.id, raw]));
  const flatten = (raw) => {
    if (!raw.extends) return raw;
    const base = flatten(byId[raw.extends]);
    const replaced = Object.fromEntries((raw.series || []).map((s) => [s.code, s]));
    const rest = Object.fromEntries(Object.entries(raw).filter(([k]) => !['settings', 'series', 'vaccines'].includes(k)));
    return { ...base, ...rest, settings: { ...base.settings, ...(raw.settings || {}) },
      vaccines: { ...base.vaccines, ...(raw.vaccines || {}) },
      series: base.series.map((s) => replaced[s.code] || s) };
  };
  const versions = rawFiles.map((raw) => {
    const flat = flatten(raw);
    const settings = Object.fromEntries(Object.entries(flat.settings).map(([k, spec]) => [k, spec.value]));
    return buildVersion(flat.id, parseIsoDate(flat.effective_from), flat, settings);
  });
  return versions.sort((a, b) => a.effectiveFrom - b.effectiveFrom);
}

const books = new WeakMap();

/** The book of versions for some parsed schedule files (an array of files, one file, or {versions: [...]}). */
export function loadBook(scheduleData) {
  let book = books.get(scheduleData);
  if (!book) {
    const files = Array.isArray(scheduleData) ? scheduleData : scheduleData.versions || [scheduleData];
    const versions = resolveVersions(files);
    book = { versions, byId: Object.fromEntries(versions.map((v) => [v.id, v])) };
    books.set(scheduleData, book);
  }
  return book;
}

function inForce(book, day) {
  let current = book.versions[0];
  for (const version of book.versions) if (version.effectiveFrom <= day) current = version;
  return current;
}

/** Every product code the engine accepts (NIP and known non-NIP). */
export function vaccineCodes(scheduleData) {
  const codes = new Set();
  for (const version of loadBook(scheduleData).versions) for (const code of Object.keys(version.vaccines)) codes.add(code);
  return [...codes].sort();
}

// ---- one evaluation's context

class Ctx {
  constructor(book, version, birth, on, lang, overrides, pinned) {
    Object.assign(this, { book, version, birth, on, lang, overrides, pinned });
    this.results = new Map();
    this.adult = false;
    this.versions = new Map([[version.id, version]]);
    this.ages = new Map();
  }

  versionAt(day) {
    if (this.pinned) return this.version;
    const found = inForce(this.book, day);
    if (!this.versions.has(found.id)) this.versions.set(found.id, withSettings(found, this.overrides));
    return this.versions.get(found.id);
  }

  seriesAt(day, code) { return this.versionAt(day).byCode[code]; }

  add(day, ref, version) { return addDuration(day, valueOf(version || this.version, ref)); }

  ageDate(ref, version) {
    const key = `${ref}|${(version || this.version).id}`;
    let day = this.ages.get(key);
    if (day === undefined) {
      day = this.add(this.birth, ref, version);
      this.ages.set(key, day);
    }
    return day;
  }

  value(ref) { return valueOf(this.version, ref); }

  text(key, params = {}) {
    const texts = this.version.messages[key];
    const template = texts[this.lang] || texts['zh-CN'];
    return template.replace(/\{(\w+)\}/g, (m, name) => (name in params ? String(params[name]) : m));
  }

  vaccineName(code) { const spec = this.version.vaccines[code]; return spec[this.lang] || spec['zh-CN']; }

  seriesName(code) { const spec = this.version.byCode[code]; return spec[this.lang] || spec['zh-CN']; }

  durationText(ref, kind) {
    const raw = this.value(ref);
    let [unit, n] = parseDuration(raw);
    const units = (this.version.units[this.lang] || this.version.units['zh-CN'])[kind];
    if (n === 0 && kind === 'age') return units['0'];
    if (raw.endsWith('Y')) [unit, n] = ['Y', n / 12];
    return units[unit].replace('{n}', String(n));
  }
}

const newResult = (code, track = null) => ({ code, counted: [], rejected: [], needs: [], notes: [], track });
const need = (series, dose, vaccine, due, deadline = null) => ({ series, dose, vaccine, due, deadline, ppd: false });

// ---- generic slots: match documented doses, then chain the due dates of the open slots

function checkSlot(ctx, series, slot, dose, counted, intervalOverride) {
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

function match(ctx, result, doses, slotsFor, check = checkSlot) {
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

function chain(ctx, code, slots, counted, stop = null, intervalFor = null, pick = pickDoses) {
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

// ---- series kinds

const dosesAt = (ctx, code) => (dose) => { const s = ctx.seriesAt(dose.date, code); return [s, s.doses]; };

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

function standard(ctx, series, doses) {
  const result = newResult(series.code);
  match(ctx, result, doses, dosesAt(ctx, series.code));
  result.needs = chain(ctx, series.code, series.doses, result.counted);
  applyUntil(ctx, series, result);
  return result;
}

function bcg(ctx, series, doses) {
  const result = standard(ctx, series, doses);
  if (result.needs.length && ctx.on >= ctx.ageDate(series.ppd_from)) {
    for (const n of result.needs) n.ppd = true;
    result.notes.push(ctx.text('bcg_ppd'));
  }
  return result;
}

function polio(ctx, series, doses) {
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

function pickTrack(ctx, series, doses) {
  for (const dose of doses) {
    const slots = ctx.seriesAt(dose.date, series.code).tracks[dose.vaccine];
    if (slots && dose.date >= ctx.ageDate(slots[0].min_age, ctx.versionAt(dose.date))) return dose.vaccine;
  }
  return series.default_track;
}

function tracks(ctx, series, doses) {
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

function menac(ctx, series, doses) {
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

// DTP: from the catch-up age, <3 doses → 3; ≥3 with a booster (DT, or a dose from that age) → done; else one more.
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

function dtp(ctx, series, doses) {
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

// Measles-containing vaccines: needs by birth cohort, counted per component, gaps filled with MMR.
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

function mcv(ctx, series, doses) {
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

const HANDLERS = { standard, bcg, polio, dtp, mcv, tracks, menac };

// ---- the evaluation

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
