// What a scanned vaccine code says: a GS1 element string (DataMatrix or GS1-128: (01) GTIN, (17) expiry YYMMDD,
// (10) lot, (21) serial) or China's 20-digit drug traceability code 追溯码 (which carries no lot or expiry).
// A small pure parser, not a library: the npm GS1 parsers are unmaintained forks of one 2014 script, and the
// phone needs only these four AIs plus the GS1 rules for walking past the others (the AI's own length and the
// predefined data lengths, GS1 General Specifications §3.2 and fig. 5.10.1-2). The barcode itself is decoded
// by a maintained library (ui/scanner.js).

const GS = '\u001d'; // FNC1 as a decoder writes it between variable-length fields
// Total length (AI + data) of the element strings whose length is predefined, by the AI's first two digits.
const PREDEFINED = { '00': 20, '01': 16, '02': 16, '03': 16, '04': 18, 11: 8, 12: 8, 13: 8, 14: 8, 15: 8, 16: 8,
  17: 8, 18: 8, 19: 8, 20: 4, 31: 10, 32: 10, 33: 10, 34: 10, 35: 10, 36: 10, 41: 16 };
const AI3 = new Set(['23', '24', '25', '40', '41', '42', '71']);
const AI4 = new Set(['31', '32', '33', '34', '35', '36', '39', '43', '70', '72', '80', '81', '82']);

/** How many digits the AI starting with these two digits has. */
const aiLength = (two) => (AI4.has(two) ? 4 : AI3.has(two) ? 3 : 2);

/** '(01)0690…(17)271130(10)A1' → [['01', '0690…'], ['17', '271130'], ['10', 'A1']]; null when not that form. */
function fromBrackets(text) {
  if (!/^\(\d{2,4}\)/.test(text)) return null;
  return [...text.matchAll(/\((\d{2,4})\)([^(]*)/g)].map(([, ai, value]) => [ai, value]);
}

/** A raw element string (a GS after each field whose length varies) → [[ai, value]] in order; null when not one. */
function fromRaw(text) {
  const out = [];
  let pos = 0;
  while (pos < text.length) {
    const two = text.slice(pos, pos + 2);
    if (!/^\d\d$/.test(two)) return null;
    const ai = text.slice(pos, pos + aiLength(two));
    const fixed = PREDEFINED[two];
    const gsAt = text.indexOf(GS, pos);
    const end = fixed ? pos + fixed : gsAt < 0 ? text.length : gsAt;
    if (end > text.length) return null;
    out.push([ai, text.slice(pos + ai.length, end)]);
    pos = end + (text[end] === GS ? 1 : 0);
  }
  return out;
}

/** True when a GTIN's last digit is its GS1 mod-10 check digit. */
export function gtinValid(gtin) {
  if (!/^\d{8,14}$/.test(gtin)) return false;
  const digits = [...gtin].map(Number);
  const check = digits.pop();
  const sum = digits.reverse().reduce((s, d, i) => s + d * (i % 2 ? 1 : 3), 0);
  return (10 - (sum % 10)) % 10 === check;
}

/** GS1 YYMMDD → 'YYYY-MM-DD' (century by the GS1 window around `today`; day 00 = the month's last day). */
export function gs1Date(yymmdd, today = new Date()) {
  const m = /^(\d\d)(\d\d)(\d\d)$/.exec(yymmdd || '');
  if (!m || +m[2] < 1 || +m[2] > 12) return null;
  const year = today.getFullYear();
  let full = Math.floor(year / 100) * 100 + +m[1];
  if (full - year > 50) full -= 100;
  else if (year - full > 49) full += 100;
  const last = new Date(Date.UTC(full, +m[2], 0)).getUTCDate();
  const day = +m[3] || last;
  if (day > last) return null;
  return `${full}-${m[2]}-${String(day).padStart(2, '0')}`;
}

/** The GS1 element string in brackets (what the phone keeps as the movement's trace_code). */
const bracketed = (pairs) => pairs.map(([ai, v]) => `(${ai})${v}`).join('');

function gs1(pairs, today) {
  const fields = Object.fromEntries(pairs || []);
  if (!gtinValid(fields['01'] || '')) return null;
  const out = { kind: 'gs1', gtin: fields['01'], trace_code: bracketed(pairs) };
  if (fields['10']) out.lot_no = fields['10'];
  if (fields['21']) out.serial = fields['21'];
  const expiry = gs1Date(fields['17'], today);
  if (expiry) out.expiry_date = expiry;
  return out;
}

/**
 * A decoded barcode's text → {kind: 'gs1', gtin, lot_no?, expiry_date?, serial?, trace_code}, or
 * {kind: 'trace', trace_code, product} for a 20-digit 追溯码 (product: its first 7 digits, the 药品标识码), or
 * {kind: 'unknown'}. Accepts a symbology prefix (]d2, ]C1, ]Q3), a leading FNC1, and the bracketed form.
 */
export function parseScan(text, today = new Date()) {
  const raw = String(text || '').trim().replace(/^\][A-Za-z]\d/, '').replace(/^\u001d/, '');
  const digits = raw.replace(/\s+/g, '');
  if (/^\d{20}$/.test(digits)) return { kind: 'trace', trace_code: digits, product: digits.slice(0, 7) };
  return gs1(fromBrackets(raw), today) || gs1(fromRaw(raw), today) || { kind: 'unknown' };
}

/** What identifies the product of a parsed code, for finding it among earlier movements ('' when nothing). */
export function productKey(scan) {
  if (scan.kind === 'gs1') return `gtin:${scan.gtin}`;
  return scan.kind === 'trace' ? `trace:${scan.product}` : '';
}
