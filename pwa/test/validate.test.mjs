import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { check } from '../src/lib/validate.js';

const RULES = {
  precheck: {
    child_id: { type: 'string', level: 'required' },
    planned: { type: 'list', level: 'required', fields: { vaccine: { type: 'string', level: 'required' } } },
    visit_date: { type: 'date', level: 'required' },
    temperature_c: { type: 'number', level: 'qc' },
    decision: { type: 'string', level: 'required', enum: ['vaccinate', 'defer'] },
    decision_note: { type: 'string', qc_when: { decision: ['defer'] } },
    answers: { type: 'object', level: 'qc', keys: ['ill_today', 'neuro', 'pregnant'], keys_from_age: { pregnant: 12 } },
  },
  aefi_report: { child_id: { type: 'string' }, name: { type: 'string', required_without: 'child_id' } },
};

test('missing hard-required fields are errors, missing QC fields are warnings', () => {
  const { errors, warnings } = check('precheck', { planned: [{}], visit_date: '2026-11-22', decision: 'vaccinate' }, RULES);
  assert.deepEqual(Object.keys(errors).sort(), ['child_id', 'planned.0.vaccine']);
  assert.deepEqual(Object.keys(warnings).sort(), ['answers', 'temperature_c']);
});

test('a conditional QC field warns only when its condition holds', () => {
  const base = { child_id: 'c', planned: [{ vaccine: 'HepB' }], visit_date: '2026-11-22', temperature_c: 36.5,
    answers: { ill_today: 'no', neuro: 'no', pregnant: 'no' } };
  assert.deepEqual(check('precheck', { ...base, decision: 'vaccinate' }, RULES).warnings, {});
  assert.deepEqual(Object.keys(check('precheck', { ...base, decision: 'defer' }, RULES).warnings), ['decision_note']);
});

test('a bad choice or a malformed date is an error naming the field', () => {
  const { errors } = check('precheck', { child_id: 'c', planned: [{ vaccine: 'x' }], visit_date: '22/11/2026',
    decision: 'maybe' }, RULES);
  assert.deepEqual(errors, { visit_date: ['date'], decision: ['choice'] });
});

test('required_without asks for the name only when no registry child is given', () => {
  assert.deepEqual(check('aefi_report', {}, RULES).errors, { name: ['required'] });
  assert.deepEqual(check('aefi_report', { child_id: 'c' }, RULES).errors, {});
});

test('without pulled rules nothing is invented on the phone (the server still validates)', () => {
  assert.deepEqual(check('precheck', {}, null), { errors: {}, warnings: {} });
});

test('both UI catalogs have exactly the same keys and no empty string', () => {
  const zh = JSON.parse(readFileSync(new URL('../src/i18n/zh-CN.json', import.meta.url)));
  const en = JSON.parse(readFileSync(new URL('../src/i18n/en.json', import.meta.url)));
  assert.deepEqual(Object.keys(en).sort(), Object.keys(zh).sort());
  for (const [k, v] of [...Object.entries(zh), ...Object.entries(en)]) assert.ok(v.trim(), k);
});

test('a phone that has not synced yet checks records against the rules bundled with the app', async () => {
  const { freshDb } = await import('../testlib/helpers.mjs');
  const local = await import('../src/lib/local.js');
  const db = await import('../src/lib/db.js');
  await freshDb();
  const bundled = JSON.parse(readFileSync(new URL('../../webapp/data/fields.json', import.meta.url), 'utf8'));
  const asked = [];
  globalThis.fetch = async (url) => { asked.push(url); return { json: async () => bundled }; };
  const rules = await local.fieldRules();
  assert.deepEqual(asked, ['fields.json']);
  const { errors } = check('school_check', { school_code: 'S01', term: '2026-autumn', kind: '', started_on: '2026-09-01',
    checker: '赵老师' }, rules);
  assert.deepEqual(errors, { kind: ['required'] });
  await db.setMeta('fields', { fetched_at: 'x', body: RULES });
  assert.deepEqual(await local.fieldRules(), RULES); // fetched rules win over the bundled copy
  assert.equal(asked.length, 1);
  delete globalThis.fetch;
});

test('the pregnancy question is not asked of a child under 12, and is when the age is unknown', () => {
  const data = { child_id: 'c', planned: [{ vaccine: 'HepB' }], visit_date: '2026-11-22', temperature_c: 36.5,
    decision: 'vaccinate', answers: { ill_today: 'no', neuro: 'no' } };
  assert.deepEqual(check('precheck', data, RULES, { ageYears: 3 }).warnings, {});
  assert.deepEqual(check('precheck', data, RULES, { ageYears: 12 }).warnings, { answers: ['qc_incomplete'] });
  assert.deepEqual(check('precheck', data, RULES).warnings, { answers: ['qc_incomplete'] });
});
