import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as aefi from '../src/lib/aefi.js';

const NOW = Date.parse('2026-11-22T12:00:00+08:00');
const ok = { vaccines: [{ vaccinated_on: '2026-11-20' }], onset_at: '2026-11-20T18:00:00+08:00',
  discovered_at: '2026-11-21T08:00:00+08:00', reported_at: '2026-11-21T09:00:00+08:00' };

test('dates in the right order pass', () => {
  assert.deepEqual(aefi.dateErrors(ok, NOW), {});
});

test('onset before the vaccination names the onset field', () => {
  assert.deepEqual(aefi.dateErrors({ ...ok, onset_at: '2026-11-19T08:00:00+08:00' }, NOW).onset_at,
    ['onset_before_vaccination']);
});

test('discovery before onset and report before discovery name their fields', () => {
  const errs = aefi.dateErrors({ ...ok, discovered_at: '2026-11-20T10:00:00+08:00', reported_at: '2026-11-20T09:00:00+08:00' }, NOW);
  assert.deepEqual(errs.discovered_at, ['discovered_before_onset']);
  assert.deepEqual(errs.reported_at, ['reported_before_discovered']);
});

test('a report time in the future beyond the clock tolerance is refused', () => {
  assert.deepEqual(aefi.dateErrors({ ...ok, reported_at: '2026-11-22T13:00:00+08:00' }, NOW).reported_at, ['future']);
  assert.deepEqual(aefi.dateErrors({ ...ok, reported_at: '2026-11-22T12:03:00+08:00' }, NOW), {});
});

test('a suspect vaccine is copied from the recorded dose with its lot and date', () => {
  const s = aefi.suspectFrom({ vaccine: 'HepB', manufacturer: 'M', lot_no: 'L1', given_on: '2026-11-20', dose: 1,
    strategy: 'routine', route: 'IM', site: 'left_deltoid' });
  assert.deepEqual(s, { vaccine: 'HepB', manufacturer: 'M', lot_no: 'L1', vaccinated_on: '2026-11-20', dose: 1,
    strategy: 'routine', route: 'IM', site: 'left_deltoid' });
});

test('a zero report is refused when the unit has a case with onset in that period, or one already exists', () => {
  const reports = [{ unit_code: 'U01', onset_at: '2026-11-03T08:00:00+08:00' }];
  assert.equal(aefi.zeroRefusal('2026-11', 'U01', reports, []), 'zero_has_case');
  assert.equal(aefi.zeroRefusal('2026-10', 'U01', reports, []), null);
  assert.equal(aefi.zeroRefusal('2026-10', 'U01', [], [{ unit_code: 'U01', period: '2026-10' }]), 'zero_exists');
  assert.equal(aefi.zeroRefusal('2026-11', 'U03', reports, []), null);
});

test('period states: the current month is open, an earlier month without anything is silent', () => {
  assert.equal(aefi.periodState('2026-11', '2026-11', {}), 'open');
  assert.equal(aefi.periodState('2026-10', '2026-11', {}), 'silent');
  assert.equal(aefi.periodState('2026-10', '2026-11', { zero: {} }), 'zero');
  assert.equal(aefi.periodState('2026-10', '2026-11', { cases: 2 }), 'cases');
  assert.equal(aefi.periodState('2026-10', '2026-11', { cases: 1, zero: {} }), 'contradicted');
  assert.deepEqual(aefi.recentPeriods('2026-02-10', 3), ['2026-02', '2026-01', '2025-12']);
});

test('zero-report periods of every cadence match the shared vectors (tests/vectors/periods.json)', () => {
  const vectors = JSON.parse(readFileSync(new URL('../../tests/vectors/periods.json', import.meta.url), 'utf8'));
  assert.ok(vectors.cases.length >= 50);
  for (const c of vectors.cases) {
    assert.equal(aefi.periodOf(c.day, c.cadence), c.period, `${c.day} ${c.cadence}`);
    assert.deepEqual(aefi.recentPeriods(c.day, 3, c.cadence), c.recent, `${c.day} ${c.cadence}`);
  }
});

test('with a weekly cadence a case in the week refuses that week\'s zero report only', () => {
  const reports = [{ unit_code: 'U01', onset_at: '2026-11-24T08:00:00+08:00' }]; // a Tuesday of 2026-W48
  assert.equal(aefi.zeroRefusal('2026-W48', 'U01', reports, [], 'weekly'), 'zero_has_case');
  assert.equal(aefi.zeroRefusal('2026-W47', 'U01', reports, [], 'weekly'), null);
  assert.equal(aefi.zeroRefusal('2026-11', 'U01', reports, []), 'zero_has_case'); // monthly by default
});
