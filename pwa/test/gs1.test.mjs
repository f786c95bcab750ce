// lib/gs1.js: what a scanned vaccine code carries (GS1 element strings in every form a decoder gives, 追溯码).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { prepareZXingModule, readBarcodes } from 'zxing-wasm/reader';
import { gs1Date, gtinValid, parseScan, productKey } from '../src/lib/gs1.js';

const GS = '\u001d';
const TODAY = new Date(2026, 11, 7);
const PACK = { kind: 'gs1', gtin: '06901234567892', lot_no: 'HB2611A', serial: '0000123', expiry_date: '2028-11-30',
  trace_code: '(01)06901234567892(17)281130(10)HB2611A(21)0000123' };

test('a GS1 DataMatrix as decoders write it (FNC1 as GS, lot before serial) gives GTIN, lot, expiry and serial', () => {
  assert.deepEqual(parseScan(`01069012345678921728113010HB2611A${GS}210000123`, TODAY), PACK);
});

test('the symbology prefix, a leading FNC1 and the bracketed form give the same pack', () => {
  for (const text of [`]d201069012345678921728113010HB2611A${GS}210000123`,
    `${GS}01069012345678921728113010HB2611A${GS}210000123`, PACK.trace_code, ` ${PACK.trace_code}\n`]) {
    assert.deepEqual(parseScan(text, TODAY), PACK, JSON.stringify(text));
  }
});

test('fields in any order, and AIs the phone does not use, are walked past by their GS1 lengths', () => {
  const text = `10L26A${GS}11261001240VIAL-1${GS}0106901234567892712156${GS}17270600`; // (11) date, (240), (712)
  const out = parseScan(text, TODAY);
  assert.equal(out.lot_no, 'L26A');
  assert.equal(out.gtin, '06901234567892');
  assert.equal(out.expiry_date, '2027-06-30'); // day 00 = the month's last day
  assert.equal(out.trace_code, '(10)L26A(11)261001(240)VIAL-1(01)06901234567892(712)156(17)270600');
});

test('a 20-digit 追溯码 (printed with spaces or not) carries its code and product, no lot or expiry', () => {
  const want = { kind: 'trace', trace_code: '81234560000012345678', product: '8123456' };
  assert.deepEqual(parseScan('81234560000012345678'), want);
  assert.deepEqual(parseScan('8123 4560 0000 1234 5678'), want);
  assert.equal(productKey(want), 'trace:8123456');
  assert.equal(productKey(PACK), 'gtin:06901234567892');
});

test('a wrong GTIN check digit, a truncated fixed field, a bad month and plain text are unknown', () => {
  for (const text of ['(01)06901234567893(10)A', '01069012345678', '(01)06901234567892(17)281330', 'hello', '',
    '12345678901234567890X']) {
    const out = parseScan(text, TODAY);
    if (text.includes('281330')) assert.equal(out.expiry_date, undefined, 'month 13 gives no expiry');
    else assert.deepEqual(out, { kind: 'unknown' }, JSON.stringify(text));
  }
});

test('GTIN check digits and GS1 dates (century window around today)', () => {
  assert.ok(gtinValid('06901234567892') && gtinValid('96385074') && !gtinValid('06901234567891'));
  assert.equal(gs1Date('281130', TODAY), '2028-11-30');
  assert.equal(gs1Date('990101', TODAY), '1999-01-01'); // more than 50 years ahead → the last century
  assert.equal(gs1Date('280200', TODAY), '2028-02-29');
  assert.equal(gs1Date('270231', TODAY), null);
});

test('the committed fixture images, read by the same ZXing build the phone loads, parse to the pack and the 追溯码', async () => {
  const wasm = new URL('../node_modules/zxing-wasm/dist/reader/zxing_reader.wasm', import.meta.url);
  prepareZXingModule({ overrides: { wasmBinary: readFileSync(wasm) } });
  const read = async (name) => (await readBarcodes(new Uint8Array(readFileSync(new URL(`fixtures/${name}`, import.meta.url))),
    { textMode: 'Plain', formats: ['DataMatrix', 'Code128'] }))[0].text;
  assert.deepEqual(parseScan(await read('gs1-datamatrix.png'), TODAY), PACK);
  assert.equal(parseScan(await read('trace-code128.png')).trace_code, '81234560000012345678');
});
