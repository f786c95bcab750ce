import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as form from '../src/lib/aefi-form.js';

import { AEFI_MESSAGES } from '../src/lib/aefi-messages.js';

// The shell's tables plus the form's own (added when the form's chunk loads).
const zh = { ...JSON.parse(readFileSync(new URL('../src/i18n/zh-CN.json', import.meta.url), 'utf8')), ...AEFI_MESSAGES['zh-CN'] };
const en = { ...JSON.parse(readFileSync(new URL('../src/i18n/en.json', import.meta.url), 'utf8')), ...AEFI_MESSAGES.en };
const fields = JSON.parse(readFileSync(new URL('../../webapp/data/fields.json', import.meta.url), 'utf8')).aefi_report;
const tOf = (table) => (key) => table[key] ?? key;
const user = { scope: 'U01', username: 'nurse1' };
const dose = { id: 'v1', vaccine: 'DTaP', manufacturer: '武汉生物', lot_no: 'L1', given_on: '2026-11-20', dose: 2,
  strategy: 'routine', route: 'IM', site: 'left_deltoid' };
const base = { onset_at: '2026-11-20T18:00', discovered_at: '2026-11-21T08:00', reported_at: '2026-11-21T09:00',
  course: '发热', hospitalized: 'no', serious: 'no', outcome: 'recovered', preliminary_class: 'general_reaction',
  reporter: 'nurse1' };

test('the card\'s optional fields go into the report under the names the server accepts', () => {
  const v = { ...base, case_code: '15042420260001', occupation: '散居儿童', cluster: 'yes', high_impact: 'no',
    pick0: 'v1', 's0.spec': '0.5ml/支', 's0.dose_amount': '0.5ml', 's0.category': 'nip' };
  const data = form.reportData(v, { user, child: { id: 'c1' }, doses: [dose] });
  assert.equal(data.case_code, '15042420260001');
  assert.equal(data.occupation, '散居儿童');
  assert.equal(data.cluster, true);
  assert.equal(data.high_impact, false);
  assert.deepEqual(data.vaccines[0], { vaccine: 'DTaP', manufacturer: '武汉生物', lot_no: 'L1', vaccinated_on: '2026-11-20',
    dose: 2, strategy: 'routine', route: 'IM', site: 'left_deltoid', spec: '0.5ml/支', dose_amount: '0.5ml', category: 'nip' });
  for (const k of ['case_code', 'occupation', 'cluster', 'high_impact']) assert.ok(fields[k], `${k} is a server field`);
  for (const k of ['spec', 'dose_amount', 'category']) assert.ok(fields.vaccines.fields[k], `vaccines.${k} is a server field`);
  assert.ok(fields.vaccines.fields.category.enum.includes(data.vaccines[0].category));
});

test('a vaccine typed by hand carries its route, site, presentation, amount and category', () => {
  const v = { ...base, 'm.vaccine': 'Hib', 'm.manufacturer': 'M', 'm.lot_no': 'L9', 'm.vaccinated_on': '2026-11-19',
    'm.dose': '1', 'm.strategy': 'routine', 'm.route': 'IM', 'm.site': 'left_thigh', 'm.spec': '0.5ml/支',
    'm.dose_amount': '0.5ml', 'm.category': 'non_nip', name: '王小', sex: 'M', birth_date: '2026-01-01' };
  const data = form.reportData(v, { user, child: null, doses: [] });
  assert.deepEqual(data.vaccines, [{ vaccine: 'Hib', manufacturer: 'M', lot_no: 'L9', vaccinated_on: '2026-11-19', dose: 1,
    strategy: 'routine', route: 'IM', site: 'left_thigh', spec: '0.5ml/支', dose_amount: '0.5ml', category: 'non_nip' }]);
});

test('an empty 疫苗属性 is taken from the catalogue; a chosen one is kept', () => {
  const categoryOf = (code) => ({ DTaP: 'nip', Hib: 'non_nip' })[code];
  const picked = form.reportData({ ...base, pick0: 'v1' }, { user, doses: [dose], categoryOf });
  assert.equal(picked.vaccines[0].category, 'nip');
  const chosen = form.reportData({ ...base, pick0: 'v1', 's0.category': 'non_nip' }, { user, doses: [dose], categoryOf });
  assert.equal(chosen.vaccines[0].category, 'non_nip');
  const unknown = form.reportData({ ...base, pick0: 'v1' }, { user, doses: [dose], categoryOf: () => undefined });
  assert.equal('category' in unknown.vaccines[0], false);
});

test('optional fields left empty are not sent', () => {
  const data = form.reportData({ ...base, pick0: 'v1', cluster: '', 's0.spec': '' }, { user, doses: [dose] });
  for (const k of ['case_code', 'occupation', 'cluster', 'high_impact']) assert.equal(k in data, false, k);
  assert.equal('spec' in data.vaccines[0], false);
});

test('a returned report comes back into the form with its optional fields', () => {
  const stored = { case_code: 'X1', occupation: '学生', cluster: true, high_impact: false, fever_grade: 4,
    onset_at: '2026-11-20T18:00:00+08:00', vaccines: [{ vaccine: 'Hib', manufacturer: 'M', lot_no: 'L9', vaccinated_on:
    '2026-11-19', dose: 1, strategy: 'routine', route: 'IM', site: 'left_thigh', spec: 'S', dose_amount: '0.5ml', category: 'non_nip' }] };
  const v = form.valuesOf(stored);
  assert.deepEqual([v.case_code, v.occupation, v.cluster, v.high_impact, v.fever_grade], ['X1', '学生', 'yes', 'no', '4']);
  assert.deepEqual([v['m.spec'], v['m.dose_amount'], v['m.category'], v['m.route'], v['m.site']],
    ['S', '0.5ml', 'non_nip', 'IM', 'left_thigh']);
  const again = form.reportData({ ...base, ...v }, { user, doses: [] });
  assert.deepEqual(again.vaccines, stored.vaccines);
  assert.equal(again.cluster, true);
});

test('the grade choices name the card\'s scale: 4 is 无 (none), 1 is 37.1–37.5 ℃ or ≤2.5 cm', () => {
  assert.deepEqual(form.gradeOptions('fever_grade', tOf(zh)), [['1', '1 37.1–37.5 ℃'], ['2', '2 37.6–38.5 ℃'],
    ['3', '3 ≥38.6 ℃'], ['4', '4 无']]);
  for (const name of ['swelling_grade', 'induration_grade']) {
    assert.deepEqual(form.gradeOptions(name, tOf(zh)), [['1', '1 ≤2.5 cm'], ['2', '2 2.6–5.0 cm'], ['3', '3 >5.0 cm'], ['4', '4 无']]);
  }
  assert.deepEqual(form.gradeOptions('fever_grade', tOf(en)).map(([, text]) => text),
    ['1 37.1–37.5 °C', '2 37.6–38.5 °C', '3 ≥38.6 °C', '4 none']);
  assert.equal(form.reportData({ ...base, swelling_grade: '4' }, { user }).swelling_grade, 4);
});

test('every new field and value has its name in both languages', () => {
  const keys = ['field.case_code', 'field.occupation', 'field.cluster', 'field.high_impact', 'field.spec',
    'field.dose_amount', 'field.category', 'code.category.nip', 'code.category.non_nip', 'aefi.case_code_hint'];
  for (const table of [zh, en]) for (const k of keys) assert.ok(table[k], k);
});
