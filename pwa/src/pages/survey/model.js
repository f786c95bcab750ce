// The assessor's village survey (范本1 三), the parts without a screen: the cohort, the village draw, the registry
// children to propose, and the `survey` / `survey_child` records (records.md) the pages save. Pure functions over
// plain values, mirroring webapp/services/scoring/survey_work.py and survey_entry.py; tested in
// pwa/test/survey-model.test.mjs.
import { addMonths, gridToDoses } from './deps.js';

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
const DEFAULT_COHORT = [12, 36];
const ENVELOPE = new Set(['id', 'kind', 'rev', 'captured_by', 'captured_at', '_local']);

function addDays(iso, days) {
  const [y, m, d] = iso.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** (cohort_from, cohort_to): the birth dates of children aged `low` to under `high` months on the survey day. */
export function cohortDates(cohortMonths, surveyedOn) {
  const [low, high] = cohortMonths?.length === 2 ? cohortMonths : DEFAULT_COHORT;
  return { cohort_from: addDays(addMonths(surveyedOn, -high), 1), cohort_to: addMonths(surveyedOn, -low) };
}

/** A uniform number in [0, 1) from the platform's cryptographic generator (the draw must not be guessable). */
export function secureRandom() {
  return globalThis.crypto.getRandomValues(new Uint32Array(1))[0] / 2 ** 32;
}

/** A village of the unit drawn at random (null when the unit has none); `random` gives a number in [0, 1). */
export function drawVillage(villages, unitCode, random = secureRandom) {
  const mine = villages.filter((v) => v.unit_code === unitCode).sort((a, b) => (a.code < b.code ? -1 : 1));
  return mine.length ? mine[Math.min(mine.length - 1, Math.floor(random() * mine.length))] : null;
}

/** The half-year a survey made today serves by default (the server page's rule: up to September, H1). */
export function defaultPeriod(today) {
  const [year, month] = today.split('-').map(Number);
  return `${year}-H${month <= 9 ? 1 : 2}`;
}

/** The `survey` record of a start form: the village drawn (or chosen), the plan's cohort on the survey day. */
export function surveyData({ unitCode, villageCode, template, period, surveyedOn, drawn, assessor, note }) {
  const data = { unit_code: unitCode, village_code: villageCode || '', template: template.id, period,
    ...cohortDates(template.cohort_months, surveyedOn), village_drawn: drawn === 'chosen' ? 'chosen' : 'random',
    surveyed_on: surveyedOn, assessor };
  if (note && note.trim()) data.note = note.trim();
  return data;
}

/** Errors of a start form, per field code ('required', 'date'). */
export function startErrors({ unitCode, template, period, surveyedOn, drawn, villageCode }) {
  const errors = {};
  if (!unitCode) errors.unit_code = 'required';
  if (!template) errors.template = 'required';
  if (!/^\d{4}-H[12]$/.test(period || '')) errors.period = 'choice';
  if (!DATE_RE.test(surveyedOn || '')) errors.surveyed_on = 'date';
  if (drawn === 'chosen' && !villageCode) errors.village_code = 'required';
  return errors;
}

/** The registry children to propose: the survey unit's live children of the cohort living in the surveyed village,
 * not yet surveyed, by birth date (the server page's list). */
export function cohortProposal(children, survey, surveyed = []) {
  const taken = new Set(surveyed.map((s) => s.child_id).filter(Boolean));
  return children.filter((c) => c.unit_code === survey.unit_code && c.village_code === survey.village_code
    && !c.deleted && !taken.has(c.id) && c.birth_date >= survey.cohort_from && c.birth_date <= survey.cohort_to)
    .sort((a, b) => (a.birth_date === b.birth_date ? (a.id < b.id ? -1 : 1) : a.birth_date < b.birth_date ? -1 : 1));
}

/** A surveyed child proposed from the registry: its name, sex and birth date; the rest is the assessor's. */
export function fromRegistry(survey, child) {
  return { survey_id: survey.id, unit_code: survey.unit_code, child_id: child.id, name: child.name, sex: child.sex,
    birth_date: child.birth_date, certificate: 'present', doses: [] };
}

/** A child found in the village whom the registry does not know (漏卡): child_id null. */
export function missedChild(survey, values) {
  const data = { survey_id: survey.id, unit_code: survey.unit_code, child_id: null, name: (values.name || '').trim(),
    sex: values.sex || '', birth_date: (values.birth_date || '').trim(), certificate: values.certificate || 'present',
    doses: [] };
  if ((values.resident_since || '').trim()) data.resident_since = values.resident_since.trim();
  return data;
}

/** Errors of a 漏卡 child the survey does not take: born outside the survey's cohort. */
export function missedErrors(survey, data) {
  const born = data.birth_date;
  return born && (born < survey.cohort_from || born > survey.cohort_to) ? { birth_date: 'outside_cohort' } : {};
}

/** The record `data` of a local view row (the view adds id, kind, rev, author and sync state). */
export function recordData(row) {
  return Object.fromEntries(Object.entries(row || {}).filter(([k]) => !ENVELOPE.has(k)));
}

/** A surveyed child's new data from the entry form: certificate, residence, BCG scar, note, and the grid's doses
 * (kept only while the certificate is present: an absent certificate shows no doses). */
export function surveyedChildData(stored, values, grid) {
  const data = { ...recordData(stored), certificate: values.certificate || stored.certificate,
    doses: values.certificate === 'absent' ? [] : gridToDoses(grid) };
  for (const key of ['bcg_scar', 'resident_since', 'note']) {
    const value = (values[key] || '').trim();
    if (value) data[key] = value; else delete data[key];
  }
  return data;
}

/** The survey's children and the ones still to copy (no dose and a certificate present), for the survey page. */
export function progress(surveyedChildren) {
  const toCopy = surveyedChildren.filter((c) => c.certificate === 'present' && !(c.doses || []).length).length;
  return { children: surveyedChildren.length, missed: surveyedChildren.filter((c) => !c.child_id).length, toCopy };
}
