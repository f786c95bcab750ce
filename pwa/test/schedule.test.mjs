// The shared schedule vectors (tests/vectors/schedule.json) against the JS engine, with the server's data files.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { evaluate, dueDoses, childStatus, ScheduleInputError, addMonths, parseIsoDate, isoDate } from '../src/lib/schedule.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dataDir = join(root, 'webapp', 'data', 'schedule');
const data = readdirSync(dataDir).filter((f) => f.endsWith('.json')).sort()
  .map((f) => JSON.parse(readFileSync(join(dataDir, f), 'utf8')));
const vectors = JSON.parse(readFileSync(join(root, 'tests', 'vectors', 'schedule.json'), 'utf8'));

const inputOf = (c) => ({ birth_date: c.input.birth_date, on_date: c.input.on_date, doses: c.input.doses || [],
  schedule: c.input.schedule ?? null, lang: c.input.lang || 'zh-CN' });

for (const c of vectors.cases) {
  test(`vector ${c.name}`, () => {
    if (c.error) {
      assert.throws(() => evaluate(data, inputOf(c)), (err) => err instanceof ScheduleInputError
        && err.field === c.error.field && err.code === c.error.code);
      return;
    }
    const result = evaluate(data, inputOf(c));
    const expected = c.expected;
    assert.deepEqual(Object.keys(result).sort(), ['complete', 'missing', 'not_counted', 'notes', 'schedule']);
    const only = expected.series;
    assert.deepEqual(result.missing.filter((m) => !only || only.includes(m.series)), expected.missing);
    assert.deepEqual(result.not_counted.map((n) => ({ vaccine: n.vaccine, date: n.date })), expected.not_counted || []);
    if ('schedule' in expected) assert.equal(result.schedule, expected.schedule);
    if ('complete' in expected) assert.equal(result.complete, expected.complete);
    for (const text of expected.reasons_contain || []) assert.ok(result.not_counted.some((n) => n.reason.includes(text)), text);
    for (const text of expected.notes_contain || []) assert.ok(result.notes.some((n) => n.includes(text)), text);
    for (const text of expected.notes_exclude || []) assert.ok(!result.notes.some((n) => n.includes(text)), text);
  });
}

test('vectors are at least 80', () => assert.ok(vectors.cases.length >= 80));

test('month arithmetic uses the last day of a shorter month', () => {
  assert.equal(isoDate(addMonths(parseIsoDate('2020-01-31'), 1)), '2020-02-29');
  assert.equal(isoDate(addMonths(parseIsoDate('2020-02-29'), 12)), '2021-02-28');
  assert.equal(isoDate(addMonths(parseIsoDate('2019-12-15'), 2)), '2020-02-15');
  assert.equal(parseIsoDate('2021-02-29'), null);
});

test('due doses offer the next dose of each series and respect the 28-day live rule', () => {
  const due = dueDoses(data, { birth_date: '2022-01-01', on_date: '2022-10-05',
    doses: [{ vaccine: 'VarV', date: '2022-09-20' }, { vaccine: 'MPSV-A', date: '2022-07-01' }] });
  const mmr = due.find((d) => d.series === 'MCV');
  assert.deepEqual(mmr, { series: 'MCV', dose: 1, vaccine: 'MMR', due_since: '2022-09-01', earliest: '2022-10-18',
    can_give_today: false, requires_ppd: false, overdue: false });
  assert.equal(due.find((d) => d.series === 'MenA').dose, 2);
  assert.equal(due.find((d) => d.series === 'BCG').requires_ppd, true);
});

test('child status lists counted doses and the next one', () => {
  const status = childStatus(data, { birth_date: '2020-02-29', on_date: '2021-02-28', doses: [{ vaccine: 'HepB', date: '2020-02-29' }] });
  assert.deepEqual(status.age, { years: 1, months: 0, days: 0 });
  const hepb = status.series.find((s) => s.series === 'HepB');
  assert.deepEqual(hepb.counted, [{ dose: 1, vaccine: 'HepB', date: '2020-02-29' }]);
  assert.equal(hepb.missing.length, 2);
});
