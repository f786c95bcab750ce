// The form values a scanned code gives: what the code itself carries (lot and expiry from GS1, the code kept as the
// movement's trace_code), completed from the stock movements on this phone: the same code received before gives
// its lot, expiry, vaccine and manufacturer (a 追溯码 carries no lot); the same product (GTIN, or a 追溯码's
// first 7 digits) gives the vaccine and manufacturer. Pure: plain records in, plain values out.
import { parseScan, productKey } from './gs1.js';

const LOT = ['vaccine', 'manufacturer', 'lot_no', 'expiry_date'];
const PRODUCT = ['vaccine', 'manufacturer'];

/** The latest movement (by date) among `movements` that passes `test`, or null. */
function latest(movements, test) {
  return movements.filter(test).sort((a, b) => (b.on_date || '').localeCompare(a.on_date || ''))[0] || null;
}

const pick = (row, keys) => Object.fromEntries(keys.filter((k) => row?.[k]).map((k) => [k, row[k]]));

/**
 * A parsed scan (gs1.parseScan) and the unit's movements → {values, from}: `values` to put in the form
 * (trace_code, lot_no, expiry_date, vaccine, manufacturer, as known), `from` = 'code' | 'product' | 'scan' | null
 * (where the vaccine and lot came from). An unknown code fills nothing.
 */
export function scanValues(scan, movements = []) {
  if (!scan || scan.kind === 'unknown') return { values: {}, from: null };
  const own = pick(scan, ['trace_code', 'lot_no', 'expiry_date']);
  const withCode = movements.filter((m) => m.trace_code);
  const same = latest(withCode, (m) => m.trace_code === scan.trace_code);
  if (same) return { values: { ...pick(same, LOT), ...own }, from: 'code' };
  const key = productKey(scan);
  const product = latest(withCode, (m) => productKey(parseScan(m.trace_code)) === key);
  if (product) return { values: { ...pick(product, PRODUCT), ...own }, from: 'product' };
  return { values: own, from: 'scan' };
}
