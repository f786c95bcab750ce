// lib/scan-fill.js and ui/scan-into.js's fillForm: the values a scan puts in the stock form, completed from the
// unit's earlier movements on the phone, and only into fields the form has.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseScan } from '../src/lib/gs1.js';
import { scanValues } from '../src/lib/scan-fill.js';
import { fillForm } from '../src/ui/scan-into.js';

const TODAY = new Date(2026, 11, 7);
const TRACE = '81234560000012345678';
const receipt = (over) => ({ kind: 'stock_movement', data_kind: 'receive', unit_code: 'U01', vaccine: 'HepB',
  manufacturer: '北京天坛生物', lot_no: 'HB2610', expiry_date: '2027-10-31', on_date: '2026-10-02', doses: 20, ...over });

test('a GS1 pack never seen fills its own lot, expiry and code, and no vaccine', () => {
  const scan = parseScan('(01)06901234567892(17)281130(10)HB2611A(21)0000123', TODAY);
  assert.deepEqual(scanValues(scan, [receipt()]), { from: 'scan', values: { trace_code: scan.trace_code,
    lot_no: 'HB2611A', expiry_date: '2028-11-30' } });
});

test('a pack of a GTIN received before also fills its vaccine and manufacturer, the latest receipt winning', () => {
  const older = receipt({ vaccine: 'BCG', manufacturer: '成都生物', on_date: '2026-01-05',
    trace_code: '(01)06901234567892(17)270131(10)OLD(21)1' });
  const newer = receipt({ on_date: '2026-10-02', trace_code: '(01)06901234567892(17)271031(10)HB2610(21)9' });
  const scan = parseScan('(01)06901234567892(17)281130(10)HB2611A(21)0000123', TODAY);
  assert.deepEqual(scanValues(scan, [older, newer, receipt({ trace_code: '(01)00000000000000(10)X' })]), { from: 'product',
    values: { vaccine: 'HepB', manufacturer: '北京天坛生物', trace_code: scan.trace_code, lot_no: 'HB2611A',
      expiry_date: '2028-11-30' } });
});

test('a 追溯码 received before gives back its lot and expiry (the code carries none)', () => {
  const scan = parseScan(TRACE);
  assert.deepEqual(scanValues(scan, [receipt({ trace_code: TRACE })]), { from: 'code', values: { vaccine: 'HepB',
    manufacturer: '北京天坛生物', lot_no: 'HB2610', expiry_date: '2027-10-31', trace_code: TRACE } });
});

test('a new 追溯码 of a known product (same first 7 digits) fills the vaccine only; an unknown one just the code', () => {
  const known = receipt({ trace_code: '81234569999999999999' });
  assert.deepEqual(scanValues(parseScan(TRACE), [known]), { from: 'product',
    values: { vaccine: 'HepB', manufacturer: '北京天坛生物', trace_code: TRACE } });
  assert.deepEqual(scanValues(parseScan(TRACE), [receipt()]), { from: 'scan', values: { trace_code: TRACE } });
  assert.deepEqual(scanValues(parseScan('hello'), [known]), { from: null, values: {} });
});

test('fillForm fills the fields the form has, a select only with a value it offers, and tells the autosave', () => {
  const events = [];
  const input = (name) => ({ name, value: '', dispatchEvent: (e) => events.push([name, e.type]) });
  const select = { ...input('vaccine'), options: [{ value: '' }, { value: 'BCG' }] };
  const fields = { lot_no: input('lot_no'), expiry_date: input('expiry_date'), vaccine: select };
  const form = { querySelector: (sel) => fields[/\[name='(?:v0\.)?(.+)'\]/.exec(sel)[1]] || null };
  const filled = fillForm(form, { vaccine: 'HepB', lot_no: 'HB2611A', expiry_date: '2028-11-30', trace_code: 'x' });
  assert.deepEqual(filled, ['lot_no', 'expiry_date']);
  assert.equal(fields.lot_no.value, 'HB2611A');
  assert.equal(select.value, '');
  assert.deepEqual(events, [['lot_no', 'input'], ['expiry_date', 'input']]);
  assert.deepEqual(fillForm(form, { vaccine: 'BCG' }, 'v0.'), ['vaccine']);
});
