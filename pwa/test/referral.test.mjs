// The deadlines a catch-up task shows (src/lib/referral.js), by the rules the scores count.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { catchUpDeadline, daysLeft, recheckBy } from '../src/lib/referral.js';

test('the catch-up deadline is 30 days after the school notified the guardian, across months and years', () => {
  assert.equal(catchUpDeadline('2026-09-02'), '2026-10-02');
  assert.equal(catchUpDeadline('2026-12-15'), '2027-01-14');
  assert.equal(catchUpDeadline('2028-02-01'), '2028-03-02'); // a leap year's February has 29 days
});

test('no notice day, or a malformed one, gives no deadline rather than a wrong one', () => {
  for (const bad of ['', null, undefined, '2026-9-2', 'soon']) assert.equal(catchUpDeadline(bad), '', String(bad));
});

test("the school's recheck is due by 31 December of the term's year", () => {
  assert.equal(recheckBy('2026-autumn'), '2026-12-31');
  assert.equal(recheckBy('2027-spring'), '2027-12-31');
  assert.equal(recheckBy(''), '');
});

test('days left count down to the deadline and turn negative after it', () => {
  assert.equal(daysLeft('2026-10-02', '2026-09-02'), 30);
  assert.equal(daysLeft('2026-10-02', '2026-10-02'), 0);
  assert.equal(daysLeft('2026-10-02', '2026-10-05'), -3);
});
