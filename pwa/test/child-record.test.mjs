import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { doseVerdicts, statusChange } from '../src/lib/child-record.js';

const schedule = ['nip-2021.json', 'nip-2025.json'].map((f) =>
  JSON.parse(readFileSync(new URL(`../../webapp/data/schedule/${f}`, import.meta.url))));

test('a measles dose before 8 months is not counted and says why; the others are counted', () => {
  const child = { birth_date: '2025-01-10' };
  const shots = [{ id: 'm', vaccine: 'MMR', given_on: '2025-06-10', lot_no: 'L2' },
    { id: 'h', vaccine: 'HepB', given_on: '2025-01-10', lot_no: 'L1' },
    { id: 'p', vaccine: 'PCV13', given_on: '2025-03-10' }];
  const rows = doseVerdicts(schedule, child, shots, '2026-12-07');
  assert.deepEqual(rows.map((r) => [r.id, r.counted]), [['h', true], ['p', null], ['m', false]]);
  assert.ok(rows[2].reason && rows[2].reason.length > 2);
});

test('a status other than active needs its date; the record keeps every other field and drops local keys', () => {
  const child = { id: 'c', rev: 2, _local: null, kind: 'child', name: '王小明', birth_date: '2025-01-10',
    unit_code: 'U01' };
  assert.deepEqual(statusChange(child, { status: 'moved_out' }).errors, { status_on: ['required'] });
  const { data, errors } = statusChange(child, { status: 'moved_out', status_on: '2026-12-01',
    resident_since: '2025-02-01' });
  assert.deepEqual(errors, {});
  assert.deepEqual(data, { name: '王小明', birth_date: '2025-01-10', unit_code: 'U01', status: 'moved_out',
    status_on: '2026-12-01', resident_since: '2025-02-01' });
  assert.deepEqual(statusChange({ ...child, status: 'moved_out', status_on: '2026-12-01' }, { status: 'active' }).data,
    { name: '王小明', birth_date: '2025-01-10', unit_code: 'U01', status: 'active' });
});
