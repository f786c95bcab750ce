// 留观 timers: the time left comes from the stored start, so it is the same after a reload; records.md data.
import assert from 'node:assert/strict';
import { test } from 'node:test';

import { OBSERVE_MS, observationData, remainingMs } from '../src/lib/observe.js';

const row = { id: 'o1', child_id: 'c1', vaccination_ids: ['v1', 'v2'], unit_code: 'U01', started_ms: 1_000_000,
  started_at: '2026-12-07T09:00:00+08:00' };

test('the time left is counted from the stored start and stops at zero', () => {
  assert.equal(remainingMs(row, row.started_ms + 60000), OBSERVE_MS - 60000);
  assert.equal(remainingMs(row, row.started_ms + OBSERVE_MS + 1), 0);
});

test('an observation ending in a reaction carries its AEFI report', () => {
  const data = observationData(row, 'reaction', { aefiId: 'a1', endedAt: '2026-12-07T09:12:00+08:00' });
  assert.deepEqual(data, { unit_code: 'U01', child_id: 'c1', vaccination_ids: ['v1', 'v2'],
    started_at: '2026-12-07T09:00:00+08:00', ended_at: '2026-12-07T09:12:00+08:00', outcome: 'reaction', aefi_id: 'a1' });
  assert.equal('aefi_id' in observationData(row, 'left_early'), false);
});
