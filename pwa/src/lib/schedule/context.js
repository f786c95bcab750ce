// What one evaluation works with: the child's dates, the versions in force, and the message texts.
// Mirrors webapp/domain/schedule/context.py.
import { buildVersion, inForce, valueOf } from './book.js';
import { addDuration, parseDuration } from './dates.js';

/** Invalid input: `field` names it (`birth_date`, `doses.2.vaccine`, ...), `code` says why. */
export class ScheduleInputError extends Error {
  constructor(field, code) {
    super(`${field}: ${code}`);
    this.name = 'ScheduleInputError';
    this.field = field;
    this.code = code;
  }
}

/** A copy of `version` with some settings overridden (e.g. a county's HepB intervals). */
export function withSettings(version, overrides) {
  if (!overrides || Object.keys(overrides).length === 0) return version;
  for (const name of Object.keys(overrides)) {
    if (!(name in version.settings)) throw new ScheduleInputError('settings', 'unknown_setting');
  }
  return buildVersion(version.id, version.effectiveFrom, version.flat, { ...version.settings, ...overrides });
}

/** One evaluation: the child's dates, the version that sets the needs, and the versions doses are judged by. */
export class Ctx {
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

/** The outcome for one series. */
export const newResult = (code, track = null) => ({ code, counted: [], rejected: [], needs: [], notes: [], track });
/** A dose the child needs: its number in the series, the product to offer and the day it falls due. */
export const need = (series, dose, vaccine, due, deadline = null) => (
  { series, dose, vaccine, due, deadline, ppd: false });
