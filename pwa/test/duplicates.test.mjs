import { test } from 'node:test';
import assert from 'node:assert/strict';
import { likelyMatches, reasons, score, THRESHOLD } from '../src/lib/duplicates.js';
import { syllables } from '../src/lib/pinyin.js';

const p = (name, extra = {}) => ({ name, syllables: syllables(name), birth_date: '2025-03-01', ...extra });

test('homophones, pinyin initials and one character apart are found, as on the server', () => {
  assert.deepEqual(syllables('王晓明'), ['wang', 'xiao', 'ming']);
  assert.deepEqual(reasons(p('王小明'), p('王晓明')), ['birth_same', 'name_sound']);
  assert.deepEqual(reasons(p('张伟'), p('周文')), ['birth_same', 'name_initials']);
  assert.deepEqual(reasons(p('李明明'), p('李明亮')), ['birth_same', 'name_close']);
  assert.deepEqual(reasons(p('王小明'), p('赵大海', { birth_date: '2024-07-15' })), []);
  assert.ok(score(reasons(p('刘一', { birth_date: '2025-03-04' }), p('陈二', { birth_date: '2025-04-03' }))) < THRESHOLD);
  assert.deepEqual(reasons(p('甲', { birth_date: '2025-03-04', guardian_phone: '138 0000 1111' }),
    p('乙', { birth_date: '2025-04-03', guardian_phone: '13800001111' })), ['phone_same', 'birth_close']);
});

test('the likely matches of a new child are the alike ones, best first', () => {
  const registry = [
    { id: '1', name: '王晓明', birth_date: '2025-03-01', guardian_phone: '13800001111' },
    { id: '2', name: '王小敏', birth_date: '2025-03-01' },
    { id: '4', name: '王小敏', birth_date: '2025-03-02' },
    { id: '3', name: '李四', birth_date: '2025-03-01' },
  ];
  const found = likelyMatches({ name: '王小明', birth_date: '2025-03-01', guardian_phone: '13800001111' }, registry,
    syllables);
  assert.deepEqual(found.map((m) => m.child.id), ['1', '2']);
  assert.deepEqual(found[0].reasons, ['birth_same', 'phone_same', 'name_sound']);
});
