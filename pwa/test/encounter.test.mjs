import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as enc from '../src/lib/encounter.js';

const schedule = ['nip-2021.json', 'nip-2025.json'].map((f) =>
  JSON.parse(readFileSync(new URL(`../../webapp/data/schedule/${f}`, import.meta.url))));

test('a newborn with no doses is offered the birth doses of hepatitis B and BCG', () => {
  const due = enc.dueFor(schedule, { birth_date: '2026-11-20' }, [], '2026-11-22').map((d) => d.vaccine);
  assert.ok(due.includes('HepB'));
  assert.ok(due.includes('BCG'));
});

test('a dose already recorded is not offered again', () => {
  const due = enc.dueFor(schedule, { birth_date: '2026-11-20' },
    [{ vaccine: 'HepB', given_on: '2026-11-20' }, { vaccine: 'BCG', given_on: '2026-11-20' }], '2026-11-22');
  assert.deepEqual(due, []);
});

test('a non-NIP dose in the history does not hide the due NIP doses', () => {
  const due = enc.dueFor(schedule, { birth_date: '2026-11-20' },
    [{ vaccine: 'PCV13', given_on: '2026-11-21' }, { vaccine: 'HepB', given_on: '2026-11-20' }], '2026-11-22');
  assert.deepEqual(due.map((d) => d.vaccine), ['BCG']);
});

test('without schedule data or a birth date the engine offers nothing rather than guessing', () => {
  assert.deepEqual(enc.dueFor([], { birth_date: '2026-01-01' }, [], '2026-11-22'), []);
  assert.deepEqual(enc.dueFor(schedule, {}, [], '2026-11-22'), []);
});

test('the notice in force is the latest version effective on the visit date', () => {
  const tps = [{ template: 'n', version: '1', effective: '2025-01-01', vaccines: ['HepB'] },
    { template: 'n', version: '2', effective: '2026-12-01', vaccines: ['HepB'] }];
  assert.equal(enc.noticeFor(tps, 'HepB', '2026-11-22').version, '1');
  assert.equal(enc.noticeFor(tps, 'HepB', '2026-12-02').version, '2');
  assert.equal(enc.noticeFor(tps, 'BCG', '2026-12-02'), null);
});

test('planned vaccines are grouped by notice and vaccines without a notice are named', () => {
  const tps = [{ template: 'a', version: '1', vaccines: ['HepB', 'BCG'] }];
  const { groups, missing } = enc.groupByNotice(tps, [{ vaccine: 'HepB' }, { vaccine: 'BCG' }, { vaccine: 'EV71' }], '2026-11-22');
  assert.equal(groups.length, 1);
  assert.equal(groups[0].vaccines.length, 2);
  assert.deepEqual(missing, ['EV71']);
});

test('sha256 of the notice text is the standard hex digest of its UTF-8 bytes', async () => {
  assert.equal(await enc.sha256('abc'), 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
});

test('the temperature range matches the server rule', () => {
  assert.ok(enc.temperatureOk('36.5'));
  assert.ok(enc.temperatureOk(''));
  assert.ok(!enc.temperatureOk('33.9'));
  assert.ok(!enc.temperatureOk('43.1'));
});

test('fever or illness with the decision to vaccinate is warned about; a deferral or 36.6 ℃ is not', () => {
  const answers = { ill_today: 'yes' };
  assert.deepEqual(enc.clinicalWarnings({ decision: 'vaccinate', temperature_c: 38.6, answers }),
    { 'answers.ill_today': ['ill_vaccinate'], temperature_c: ['fever_vaccinate'] });
  assert.deepEqual(enc.clinicalWarnings({ decision: 'vaccinate', temperature_c: 37.5, answers: {} }),
    { temperature_c: ['fever_vaccinate'] });
  assert.deepEqual(enc.clinicalWarnings({ decision: 'defer', temperature_c: 38.6, answers }), {});
  assert.deepEqual(enc.clinicalWarnings({ decision: 'vaccinate', temperature_c: 36.6, answers: { ill_today: 'no' } }), {});
});

test('age in whole years on the visit day (for questions asked only from an age)', () => {
  assert.equal(enc.ageYears('2014-11-23', '2026-11-22'), 11);
  assert.equal(enc.ageYears('2014-11-22', '2026-11-22'), 12);
  assert.equal(enc.ageYears(undefined, '2026-11-22'), undefined);
});
