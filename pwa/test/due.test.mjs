import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dueList, vaccineName } from '../src/lib/due.js';

const schedule = ['nip-2021.json', 'nip-2025.json'].map((f) =>
  JSON.parse(readFileSync(new URL(`../../webapp/data/schedule/${f}`, import.meta.url))));
const TODAY = '2026-12-07';
const shot = (child_id, vaccine, given_on) => ({ child_id, vaccine, given_on });
const names = (section) => section.flatMap((v) => v.children.map((c) => c.child.name));

// hand-computed against the schedule: born 10-01 with HepB and BCG at birth → HepB 2 due 11-01 (36 days ago,
// overdue), IPV 1 and DTaP 1 due 12-01 (2 months); born 11-20 with nothing → BCG and HepB due today;
// born 10-10 with HepB, BCG and HepB 2 (11-10) → IPV 1 and DTaP 1 due 12-10 (this week)
const children = [
  { id: 'a', name: '新生宝', birth_date: '2026-11-20', village_code: 'V02' },
  { id: 'b', name: '二月宝', birth_date: '2026-10-01', village_code: 'V01' },
  { id: 'c', name: '迁走宝', birth_date: '2026-11-20', village_code: 'V01', status: 'moved_out', status_on: '2026-11-30' },
  { id: 'w', name: '下周宝', birth_date: '2026-10-10', village_code: 'V01' },
];
const vaccinations = [shot('b', 'HepB', '2026-10-01'), shot('b', 'BCG', '2026-10-01'),
  shot('w', 'HepB', '2026-10-10'), shot('w', 'BCG', '2026-10-10'), shot('w', 'HepB', '2026-11-10')];

test('children fall into overdue, today and this week, by their most urgent dose', () => {
  const list = dueList({ scheduleData: schedule, children, vaccinations, today: TODAY });
  assert.deepEqual(names(list.overdue), ['二月宝']);
  assert.deepEqual(names(list.today), ['新生宝']);
  assert.deepEqual(names(list.week), ['下周宝']);
  const b = list.overdue[0].children[0].doses.map((d) => [d.vaccine, d.dose, d.due_since, d.bucket]);
  assert.deepEqual(b.slice(0, 1), [['HepB', 2, '2026-11-01', 'overdue']]);
  assert.deepEqual(b.slice(1).map((r) => r[0]).sort(), ['DTaP', 'IPV']);
  assert.deepEqual(list.week[0].children[0].doses.map((d) => d.due_since), ['2026-12-10', '2026-12-10']);
});

test('a child who moved out or died is not on the list; one who moves out later still is', () => {
  const list = dueList({ scheduleData: schedule, children, vaccinations, today: TODAY });
  assert.ok(!names([...list.overdue, ...list.today, ...list.week]).includes('迁走宝'));
  const later = [{ ...children[2], status_on: '2026-12-20' }];
  assert.deepEqual(names(dueList({ scheduleData: schedule, children: later, vaccinations: [], today: TODAY }).today),
    ['迁走宝']);
});

test('the villages are kept apart and sorted', () => {
  const list = dueList({ scheduleData: schedule, children: [children[0], { ...children[0], id: 'z', village_code: 'V01' }],
    vaccinations: [], today: TODAY });
  assert.deepEqual(list.today.map((v) => v.village_code), ['V01', 'V02']);
});

test('vaccine names come from the schedule data in Chinese, never the code', () => {
  assert.equal(vaccineName(schedule, 'HepB'), '乙肝疫苗');
  assert.equal(vaccineName(schedule, 'JE-L'), '乙脑减毒活疫苗');
  assert.equal(vaccineName(schedule, 'MMR'), '麻腮风疫苗');
});
