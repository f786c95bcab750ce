import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import * as m from '../src/pages/school-model.js';

test('addMonths clamps to the last day of a shorter month, as the engine does', () => {
  assert.equal(m.addMonths('2020-01-31', 1), '2020-02-29');
  assert.equal(m.addMonths('2020-07-01', 72), '2026-07-01');
  assert.equal(m.addMonths('2019-12-15', 1), '2020-01-15');
});

test('a tap on an empty grid cell proposes the on-time date of that dose', () => {
  assert.equal(m.proposedDate('2020-07-01', 'MPSV-AC', 1), '2026-07-01');
  assert.equal(m.proposedDate('2020-07-01', 'HepB', 0), '2020-07-01');
  assert.equal(m.proposedDate('', 'HepB', 0), '');
});

test('grid cells become certificate doses sorted by date, empty cells skipped, and back', () => {
  const grid = { MMR: ['2021-03-01', '', '2022-01-01'], HepB: ['2020-07-01'] };
  const doses = m.gridToDoses(grid);
  assert.deepEqual(doses, [{ vaccine: 'HepB', date: '2020-07-01' }, { vaccine: 'MMR', date: '2021-03-01' },
    { vaccine: 'MMR', date: '2022-01-01' }]);
  assert.deepEqual(m.dosesToGrid(doses), { HepB: ['2020-07-01'], MMR: ['2021-03-01', '2022-01-01'] });
});

test('a grid date before birth or after the check day is named by its cell', () => {
  const errors = m.gridErrors({ HepB: ['2020-06-30', '2020-08-01'], MMR: ['2027-01-01'] }, '2020-07-01',
    '2026-09-01');
  assert.deepEqual(errors, { 'HepB.0': 'before_birth', 'MMR.0': 'after_check' });
});

test('missing doses read in Chinese with the product and dose number', () => {
  const lines = m.missingLines({ missing: [{ series: 'MenAC', dose: 2, vaccine: 'MPSV-AC', due_since: '2026-07-01' }] });
  assert.deepEqual(lines, ['A群C群流脑多糖疫苗 第2剂（应于 2026-07-01 起接种）']);
});

test('the referral text names the child, every missing dose and the vaccination unit', () => {
  const text = m.referralText({
    student: { name: '吴缺', class_name: '一(1)班', birth_date: '2020-07-01', certificate: 'absent' },
    schoolName: '林西镇第一小学', unitName: '林西镇防保站', notifiedOn: '2026-09-02',
    evaluation: { missing: [{ vaccine: 'MMR', dose: 2 }, { vaccine: 'MPSV-AC', dose: 2 }] } });
  assert.match(text, /吴缺/);
  assert.match(text, /1\. 麻腮风疫苗 第2剂/);
  assert.match(text, /2\. A群C群流脑多糖疫苗 第2剂/);
  assert.match(text, /接种单位：林西镇防保站/);
  assert.match(text, /补办/);
  assert.match(text, /地址：未登记，请向学校询问/); // a unit without a registered address says so
});

test("the referral text gives the unit's address and vaccination hours", () => {
  const text = m.referralText({ student: { name: '吴缺' }, schoolName: '林西镇第一小学', unitName: '林西镇防保站',
    unitAddress: '人民路 12 号', unitHours: '每周二 8:00–11:30', notifiedOn: '2026-09-02', evaluation: { missing: [] } });
  assert.match(text, /接种单位：林西镇防保站\n地址：人民路 12 号\n接种时间：每周二 8:00–11:30\n林西镇第一小学 {2}通知日期：2026-09-02$/);
});

test('catch-up status follows only the doses missing at check', () => {
  const atCheck = [{ series: 'MCV', dose: 2 }, { series: 'JE', dose: 2 }];
  assert.equal(m.catchUpStatus([], [], []), 'not_needed');
  assert.equal(m.catchUpStatus(atCheck, atCheck, []), 'pending');
  assert.equal(m.catchUpStatus(atCheck, [{ series: 'JE', dose: 2 }], [{}]), 'partial');
  assert.equal(m.catchUpStatus(atCheck, [{ series: 'DTP', dose: 5 }], [{}, {}]), 'complete');
  assert.equal(m.catchUpStatus(atCheck, atCheck, [], true), 'contraindicated');
});

test('a clean roster CSV (quotes, CRLF, slashes in dates) gives every row', () => {
  const csv = '\uFEFF班级,姓名,性别,出生日期,监护人电话\r\n"一(1)班",张三,男,2020/3/1,13800000000\r\n一(1)班,"李""四",女,2020-04-02,\r\n';
  const { rows, rejected, error } = m.readRoster(csv, '2026-09-01');
  assert.equal(error, null);
  assert.deepEqual(rejected, []);
  assert.deepEqual(rows.map((r) => [r.name, r.sex, r.birth_date]), [['张三', 'M', '2020-03-01'], ['李"四', 'F', '2020-04-02']]);
});

test('a roster with bad rows reports each with its row number and reason, and imports nothing', () => {
  const csv = '班级,姓名,性别,出生日期\n一(1)班,张三,男,2020-03-01\n,王五,男,2020-05-01\n一(1)班,赵六,未知,2020-02-30\n'
    + '一(1)班,张三,男,2020-03-01\n';
  const { rows, rejected } = m.readRoster(csv, '2026-09-01');
  assert.deepEqual(rows, []);
  assert.deepEqual(rejected.map((r) => [r.row, Object.keys(r.errors)]),
    [[3, ['class_name']], [4, ['sex', 'birth_date']], [5, ['name']]]);
  assert.equal(rejected[1].errors.birth_date, 'date');
});

test('a roster without the required columns is refused by name', () => {
  const out = m.readRoster('姓名,性别\n张三,男\n', '2026-09-01');
  assert.equal(out.error, 'missing_columns');
  assert.deepEqual(out.missing, ['class_name', 'birth_date']);
});

test('students already in the batch are rejected as duplicates', () => {
  const csv = '班级,姓名,性别,出生日期\n一(1)班,张三,男,2020-03-01\n';
  const { rejected } = m.readRoster(csv, '2026-09-01', [{ name: '张三', birth_date: '2020-03-01' }]);
  assert.equal(rejected[0].errors.name, 'duplicate');
});

test('a local view row gives back exactly the record data', () => {
  assert.deepEqual(m.recordData({ id: 'x', kind: 'student_check', rev: 2, captured_by: 'u', captured_at: 't',
    _local: null, name: '张三', catch_up: [] }), { name: '张三', catch_up: [] });
});

const batch = { id: 'b1', started_on: '2026-09-01' };
const values = { name: '张三', sex: 'M', birth_date: '2020-07-01', class_name: '一(1)班', certificate: 'present',
  guardian_phone: '', referral_unit: 'U01' };
const missing = { complete: false, missing: [{ series: 'MenAC', dose: 2, vaccine: 'MPSV-AC' }] };

test('a student with missing doses is referred to the chosen unit, pending, notified today', () => {
  const data = m.studentData({ values, batch, existing: null, evaluation: missing, grid: { HepB: ['2020-07-01'] },
    today: '2026-09-01' });
  assert.deepEqual(data.referral, { unit_code: 'U01', notified_on: '2026-09-01' });
  assert.equal(data.catch_up_status, 'pending');
  assert.deepEqual(data.doses, [{ vaccine: 'HepB', date: '2020-07-01' }]);
  assert.equal('guardian_phone' in data, false);
});

test('a complete student has no referral and needs no catch-up', () => {
  const data = m.studentData({ values, batch, existing: null, evaluation: { complete: true, missing: [] }, grid: {},
    today: '2026-09-01' });
  assert.equal(data.referral, undefined);
  assert.equal(data.catch_up_status, 'not_needed');
});

test('a recheck keeps the referral date, the catch-up entries and their status, and records the recheck day', () => {
  const existing = { id: 's1', kind: 'student_check', rev: 3, _local: null, ...values, school_check_id: 'b1',
    referral: { unit_code: 'U01', notified_on: '2026-09-02' }, catch_up_status: 'partial',
    catch_up: [{ vaccine: 'MMR', date: '2026-09-20', unit_code: 'U01' }] };
  const data = m.studentData({ values: { ...values, recheck: ['yes'] }, batch, existing, evaluation: missing, grid: {},
    today: '2026-12-01' });
  assert.equal(data.referral.notified_on, '2026-09-02');
  assert.equal(data.catch_up_status, 'partial');
  assert.equal(data.catch_up.length, 1);
  assert.equal(data.rechecked_on, '2026-12-01');
  assert.equal(data.id, undefined);  // the view's envelope never goes into the data
});

// fixtures/roster.xlsx: made with openpyxl (a real Excel file): a date cell, a phone typed as a number, a blank
// row, a row without a phone, and a second sheet that is not read.
const xlsxFile = (name, bytes) => ({ name, arrayBuffer: async () => bytes.buffer.slice(bytes.byteOffset,
  bytes.byteOffset + bytes.byteLength), text: async () => bytes.toString('utf8') });

test('an Excel roster is read like a CSV one: dates and numbers become text, the first sheet only', async () => {
  const bytes = readFileSync(new URL('./fixtures/roster.xlsx', import.meta.url));
  const out = await m.readRosterFile(xlsxFile('roster.xlsx', bytes), '2026-09-01');
  assert.equal(out.error, null);
  assert.deepEqual(out.rejected, []);
  assert.deepEqual(out.rows, [
    { class_name: '小一班', name: '张小花', sex: 'F', birth_date: '2021-05-01', guardian_phone: '13900000000' },
    { class_name: '小一班', name: '李小明', sex: 'M', birth_date: '2021-06-02', guardian_phone: '13800000000' },
    { class_name: '小一班', name: '王小丫', sex: 'F', birth_date: '2021-07-03', guardian_phone: null }]);
});

test('a file named .xlsx that is not one is refused, a .csv is read as text', async () => {
  await assert.rejects(m.readRosterFile(xlsxFile('roster.xlsx', Buffer.from('班级,姓名\n')), '2026-09-01'));
  const csv = Buffer.from('班级,姓名,性别,出生日期\n小一班,张小花,女,2021-05-01\n');
  assert.equal((await m.readRosterFile(xlsxFile('roster.csv', csv), '2026-09-01')).rows.length, 1);
});
