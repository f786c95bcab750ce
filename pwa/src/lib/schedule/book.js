// The schedule data: versioned files (webapp/data/schedule/*.json, passed in parsed), each in force from its
// effective date; a version may `extends` another. Mirrors webapp/domain/schedule/book.py.
import { parseIsoDate } from './dates.js';

/** One resolved version: its settings, vaccines and series (by code), units and message texts. */
export function buildVersion(id, effectiveFrom, flat, settings) {
  const series = flat.series;
  const byCode = Object.fromEntries(series.map((s) => [s.code, s]));
  return { id, effectiveFrom, title: flat.title, settings, vaccines: flat.vaccines, series, byCode,
    units: flat.units, messages: flat.messages, flat };
}

/** A literal, or the value of a `$setting` reference in `version`. */
export function valueOf(version, ref) {
  return typeof ref === 'string' && ref.startsWith('$') ? version.settings[ref.slice(1)] : ref;
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

/** The latest version effective on `day`; the earliest one for days before any version. */
export function inForce(book, day) {
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
