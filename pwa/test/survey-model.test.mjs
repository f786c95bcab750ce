// The village survey without a screen (src/pages/survey/model.js): cohort, draw, proposal, records; and how its
// records travel (outbox order, pulled survey records kept as records).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as school from '../src/pages/school-model.js';
import { provide } from '../src/pages/survey/deps.js';
import * as m from '../src/pages/survey/model.js';

provide(school); // the shell hands the school check's grid model to the survey chunk (src/pages/survey-pages.js)

const PLAN = { id: 'county-plan-2014', cohort_months: [12, 36] };
const VILLAGES = [{ code: 'V02', name: '东村', unit_code: 'U01' }, { code: 'V01', name: '西村', unit_code: 'U01' },
  { code: 'V09', name: '北村', unit_code: 'U02' }];
const SURVEY = { id: 's1', unit_code: 'U01', village_code: 'V01', cohort_from: '2023-07-11', cohort_to: '2025-07-10' };

test('the cohort is the children aged 12 to under 36 months on the survey day, as the server computes it', () => {
  assert.deepEqual(m.cohortDates([12, 36], '2026-07-10'), { cohort_from: '2023-07-11', cohort_to: '2025-07-10' });
  // month ends clamp like the engine: 36 months before 31 March is 31 March, 12 before 29 Feb 2028 is 28 Feb 2027
  assert.deepEqual(m.cohortDates([12, 36], '2028-02-29'), { cohort_from: '2025-03-01', cohort_to: '2027-02-28' });
  assert.deepEqual(m.cohortDates(undefined, '2026-07-10'), m.cohortDates([12, 36], '2026-07-10'));
});

test('the village is drawn among the unit\'s own villages only, each one reachable', () => {
  assert.equal(m.drawVillage(VILLAGES, 'U01', () => 0).code, 'V01');
  assert.equal(m.drawVillage(VILLAGES, 'U01', () => 0.99).code, 'V02');
  assert.equal(m.drawVillage(VILLAGES, 'U02', () => 0.5).code, 'V09');
  assert.equal(m.drawVillage(VILLAGES, 'U03', () => 0.5), null);
  const seen = new Set(Array.from({ length: 200 }, () => m.drawVillage(VILLAGES, 'U01').code));
  assert.deepEqual([...seen].sort(), ['V01', 'V02']); // the default generator is the platform's crypto
});

test('the survey record carries the draw, the plan, the period and the cohort of the survey day', () => {
  const data = m.surveyData({ unitCode: 'U01', villageCode: 'V01', template: PLAN, period: '2026-H1',
    surveyedOn: '2026-07-10', drawn: 'random', assessor: 'demo-county', note: ' ' });
  assert.deepEqual(data, { unit_code: 'U01', village_code: 'V01', template: 'county-plan-2014', period: '2026-H1',
    cohort_from: '2023-07-11', cohort_to: '2025-07-10', village_drawn: 'random', surveyed_on: '2026-07-10',
    assessor: 'demo-county' });
  assert.equal(m.surveyData({ ...data, unitCode: 'U01', template: PLAN, surveyedOn: '2026-07-10', drawn: 'chosen',
    note: '村医陪同' }).village_drawn, 'chosen');
});

test('a start form names each missing or invalid field; a chosen village must be given', () => {
  assert.deepEqual(m.startErrors({ drawn: 'chosen', period: '2026', surveyedOn: '10/07/2026' }),
    { unit_code: 'required', template: 'required', period: 'choice', surveyed_on: 'date', village_code: 'required' });
  assert.deepEqual(m.startErrors({ unitCode: 'U01', template: PLAN, period: '2026-H2', surveyedOn: '2026-10-01',
    drawn: 'random' }), {});
  assert.equal(m.defaultPeriod('2026-09-30'), '2026-H1');
  assert.equal(m.defaultPeriod('2026-10-01'), '2026-H2');
});

test('the proposal is the unit\'s registry children of the cohort living in the village, not yet surveyed', () => {
  const kids = [
    { id: 'a', unit_code: 'U01', village_code: 'V01', birth_date: '2024-01-01', name: '甲' },
    { id: 'b', unit_code: 'U01', village_code: 'V01', birth_date: '2023-07-11', name: '乙' },  // first day of the cohort
    { id: 'c', unit_code: 'U01', village_code: 'V01', birth_date: '2025-07-11', name: '丙' },  // too young
    { id: 'd', unit_code: 'U01', village_code: 'V02', birth_date: '2024-01-01', name: '丁' },  // another village
    { id: 'e', unit_code: 'U02', village_code: 'V01', birth_date: '2024-01-01', name: '戊' },  // another unit
    { id: 'f', unit_code: 'U01', village_code: 'V01', birth_date: '2025-07-10', name: '己' },  // last day
    { id: 'g', unit_code: 'U01', village_code: 'V01', birth_date: '2024-02-01', name: '庚' },  // already surveyed
  ];
  const proposed = m.cohortProposal(kids, SURVEY, [{ child_id: 'g' }, { child_id: null }]);
  assert.deepEqual(proposed.map((c) => c.id), ['b', 'a', 'f']);
});

test('a registry child and a 漏卡 child become survey_child records of the survey\'s unit', () => {
  assert.deepEqual(m.fromRegistry(SURVEY, { id: 'a', name: '甲', sex: 'F', birth_date: '2024-01-01', guardian_phone: 'x' }),
    { survey_id: 's1', unit_code: 'U01', child_id: 'a', name: '甲', sex: 'F', birth_date: '2024-01-01',
      certificate: 'present', doses: [] });
  assert.deepEqual(m.missedChild(SURVEY, { name: ' 李小红 ', sex: 'F', birth_date: '2024-03-01',
    resident_since: '2025-01-01', certificate: 'absent' }),
  { survey_id: 's1', unit_code: 'U01', child_id: null, name: '李小红', sex: 'F', birth_date: '2024-03-01',
    certificate: 'absent', doses: [], resident_since: '2025-01-01' });
  assert.equal('resident_since' in m.missedChild(SURVEY, { name: '甲', sex: 'M', birth_date: '2024-03-01' }), false);
});

test('the copied certificate becomes the record\'s doses by date; no certificate, no doses; blanks are dropped', () => {
  const stored = { id: 'k', kind: 'survey_child', rev: 1, _local: null, captured_by: 'demo-county', survey_id: 's1',
    unit_code: 'U01', child_id: null, name: '李小红', sex: 'F', birth_date: '2024-03-01', certificate: 'present',
    doses: [], note: 'old' };
  const grid = { HepB: ['2024-03-01', '2024-04-01', ''], BCG: ['2024-03-02'] };
  const data = m.surveyedChildData(stored, { certificate: 'present', bcg_scar: 'yes', resident_since: '', note: '' }, grid);
  assert.deepEqual(data, { survey_id: 's1', unit_code: 'U01', child_id: null, name: '李小红', sex: 'F',
    birth_date: '2024-03-01', certificate: 'present', bcg_scar: 'yes',
    doses: [{ vaccine: 'HepB', date: '2024-03-01' }, { vaccine: 'BCG', date: '2024-03-02' },
      { vaccine: 'HepB', date: '2024-04-01' }] });
  assert.deepEqual(m.surveyedChildData(stored, { certificate: 'absent', bcg_scar: 'no' }, grid).doses, []);
  assert.deepEqual(m.progress([data, { ...data, child_id: 'a', doses: [] }, { certificate: 'absent', child_id: 'b' }]),
    { children: 3, missed: 1, toCopy: 1 });
});

test('a surveyed child waiting in the outbox is always sent after its survey', async () => {
  const { dependencyOrder } = await import('../src/lib/outbox.js');
  const items = [{ id: 'k1', kind: 'survey_child', data: { survey_id: 's1' } }, { id: 's1', kind: 'survey', data: {} }];
  assert.deepEqual(dependencyOrder(items).map((i) => i.id), ['s1', 'k1']);
});

test('pulled surveys and surveyed children are kept as records of the device, not as reference data', async () => {
  const { freshDb } = await import('../testlib/helpers.mjs');
  const { applyChanges } = await import('../src/lib/pull-apply.js');
  const local = await import('../src/lib/local.js');
  await freshDb();
  await applyChanges([{ kind: 'survey', id: 's1', rev: 1, deleted: false, data: { ...SURVEY, id: undefined } },
    { kind: 'survey_child', id: 'k1', rev: 2, deleted: false, data: { survey_id: 's1', name: '甲' } },
    { kind: 'survey_template', id: 'county-plan-2014', rev: 1, deleted: false, data: PLAN }], { username: 'c' });
  assert.deepEqual((await local.recordsOfKind('survey_child')).map((r) => [r.id, r.rev, r.name]), [['k1', 2, '甲']]);
  assert.equal((await local.record('s1')).village_code, 'V01');
  assert.deepEqual((await local.reference('survey_template')).map((p) => p.cohort_months), [[12, 36]]);
});

test('the shell provides every module the survey chunk forwards, under the same names', async () => {
  const { NEEDED, LOCAL_NEEDED } = await import('../src/pages/survey/deps.js');
  // survey-pages.js imports the app's JSON catalogues (bundled by esbuild), so it is read here rather than imported
  const shell = readFileSync(new URL('../src/pages/survey-pages.js', import.meta.url), 'utf8');
  const given = shell.match(/export const SURVEY_DEPS = \{([^;]*)\};/)[1];
  const names = new Set(given.replace(/local: \{([^}]*)\}/, '').split(/[\s,]+/).filter(Boolean));
  const locals = new Set(given.match(/local: \{([^}]*)\}/)[1].split(/[\s,]+/).filter(Boolean));
  for (const name of NEEDED) assert.ok(names.has(name), name);
  for (const name of LOCAL_NEEDED) assert.ok(locals.has(name), `local.${name}`);
  const sources = ['list', 'survey', 'child', 'model'].map((f) => readFileSync(new URL(`../src/pages/survey/${f}.js`,
    import.meta.url), 'utf8'));
  for (const text of sources) {  // the chunk imports nothing of the shell directly (it would split app.js)
    assert.doesNotMatch(text, /from '\.\.\/(\.\.\/)?(lib|ui|school-[a-z]+)[^']*'/);
  }
});

test('a 漏卡 child born outside the survey\'s cohort is refused, naming the birth date', () => {
  assert.deepEqual(m.missedErrors(SURVEY, { birth_date: '2023-07-10' }), { birth_date: 'outside_cohort' });
  assert.deepEqual(m.missedErrors(SURVEY, { birth_date: '2025-07-11' }), { birth_date: 'outside_cohort' });
  assert.deepEqual(m.missedErrors(SURVEY, { birth_date: '2023-07-11' }), {});
  assert.deepEqual(m.missedErrors(SURVEY, { birth_date: '' }), {}); // the field rules name a missing date
});
