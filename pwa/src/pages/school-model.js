// School-entry check, the parts without a screen: the vaccine × dose grid, class roster CSV, referral text,
// catch-up status. Pure functions over plain values, tested in pwa/test/school-model.test.mjs.
import { ROSTER_HEADERS, ROSTER_REQUIRED } from '../lib/constants.js';

// Certificate grid: one row per product, one cell per dose, with the age (months) of an on-time dose.
export const GRID = [
  { vaccine: 'HepB', zh: '乙肝疫苗', ages: [0, 1, 6] },
  { vaccine: 'BCG', zh: '卡介苗', ages: [0] },
  { vaccine: 'IPV', zh: '脊灰灭活疫苗', ages: [2, 3] },
  { vaccine: 'bOPV', zh: '二价脊灰减毒活疫苗', ages: [4, 48] },
  { vaccine: 'DTaP', zh: '百白破疫苗', ages: [3, 4, 5, 18] },
  { vaccine: 'DT', zh: '白破疫苗', ages: [72] },
  { vaccine: 'MMR', zh: '麻腮风疫苗', ages: [8, 18] },
  { vaccine: 'JE-L', zh: '乙脑减毒活疫苗', ages: [8, 24] },
  { vaccine: 'MPSV-A', zh: 'A群流脑多糖疫苗', ages: [6, 9] },
  { vaccine: 'MPSV-AC', zh: 'A群C群流脑多糖疫苗', ages: [36, 72] },
  { vaccine: 'HepA-L', zh: '甲肝减毒活疫苗', ages: [18] },
  // alternatives and older products, shown under "其他疫苗"
  { vaccine: 'JE-I', zh: '乙脑灭活疫苗', ages: [8, 8, 24, 72], more: true },
  { vaccine: 'HepA-I', zh: '甲肝灭活疫苗', ages: [18, 24], more: true },
  { vaccine: 'tOPV', zh: '三价脊灰减毒活疫苗', ages: [2, 3, 4, 48], more: true },
  { vaccine: 'MR', zh: '麻风疫苗', ages: [8], more: true },
  { vaccine: 'MV', zh: '麻疹疫苗', ages: [8], more: true },
];
export const NAMES = Object.fromEntries(GRID.map((r) => [r.vaccine, r.zh]));
export const SERIES_NAMES = { HepB: '乙肝', BCG: '卡介苗', Polio: '脊灰', DTP: '百白破/白破', MCV: '含麻疹成分',
  JE: '乙脑', MenA: 'A群流脑', MenAC: 'A群C群流脑', HepA: '甲肝' };

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

/** `months` after an ISO date, clamped to the month's last day (the engine's rule). */
export function addMonths(iso, months) {
  const [y, m, d] = iso.split('-').map(Number);
  const total = y * 12 + (m - 1) + months;
  const year = Math.floor(total / 12);
  const month = total % 12;
  const last = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(Math.min(d, last)).padStart(2, '0')}`;
}

/** The on-time date of a grid cell for a child (what a tap on an empty cell proposes). */
export function proposedDate(birthDate, vaccine, index) {
  const row = GRID.find((r) => r.vaccine === vaccine);
  return row && DATE_RE.test(birthDate || '') ? addMonths(birthDate, row.ages[index] ?? row.ages.at(-1)) : '';
}

/** Grid cells {"HepB": ["2020-07-01", "", …]} → the certificate doses [{vaccine, date}], sorted by date. */
export function gridToDoses(grid) {
  const doses = [];
  for (const [vaccine, dates] of Object.entries(grid || {})) {
    for (const date of dates || []) if (DATE_RE.test(date || '')) doses.push({ vaccine, date });
  }
  return doses.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.vaccine.localeCompare(b.vaccine)));
}

/** Certificate doses → grid cells, each product's doses in date order. */
export function dosesToGrid(doses) {
  const grid = {};
  for (const { vaccine, date } of [...(doses || [])].sort((a, b) => (a.date < b.date ? -1 : 1))) {
    (grid[vaccine] ||= []).push(date);
  }
  return grid;
}

/** Cells that cannot be right: a date before birth or after the check day, per "vaccine.index". */
export function gridErrors(grid, birthDate, onDate) {
  const errors = {};
  for (const [vaccine, dates] of Object.entries(grid || {})) {
    (dates || []).forEach((date, i) => {
      if (!date) return;
      if (!DATE_RE.test(date)) errors[`${vaccine}.${i}`] = 'date';
      else if (birthDate && date < birthDate) errors[`${vaccine}.${i}`] = 'before_birth';
      else if (onDate && date > onDate) errors[`${vaccine}.${i}`] = 'after_check';
    });
  }
  return errors;
}

// Chinese texts used when no translation function is given (node tests); pages pass the app's `t`.
const ZH = {
  'school.dose_line': '{vaccine} 第{dose}剂', 'school.due_since': '（应于 {date} 起接种）',
  'school.notice.title': '入托、入学儿童补种通知单', 'school.notice.dear': '尊敬的 {name} 同学的家长：',
  'school.notice.body': '经查验预防接种证，您的孩子（{class_name}，出生日期 {birth_date}）尚缺以下免疫规划疫苗剂次，请于 30 天内携带预防接种证到下列接种单位补种：',
  'school.notice.absent': '孩子未出示预防接种证，请一并到接种单位补办。',
  'school.notice.unit': '接种单位：{unit}', 'school.notice.address': '地址：{address}',
  'school.notice.hours': '接种时间：{hours}', 'school.notice.ask': '未登记，请向学校询问',
  'school.notice.date': '通知日期：{date}',
};
const zh = (key, params = {}) => (ZH[key] || key).replace(/\{(\w+)\}/g, (_, k) => (params[k] ?? ''));

/** One line per missing dose: "A群C群流脑多糖疫苗 第2剂（应于 2026-07-01 起接种）". */
export function missingLines(evaluation, names = NAMES, t = zh) {
  return (evaluation?.missing || []).map((m) => t('school.dose_line', { vaccine: names[m.vaccine] || m.vaccine,
    dose: m.dose }) + (m.due_since ? t('school.due_since', { date: m.due_since }) : ''));
}

/** The 补种通知单 as plain text (for sharing by message). */
export function referralText({ student, schoolName, unitName, unitAddress, unitHours, notifiedOn, evaluation },
  names = NAMES, t = zh) {
  const lines = [
    t('school.notice.title'),
    t('school.notice.dear', { name: student.name }),
    t('school.notice.body', { class_name: student.class_name, birth_date: student.birth_date }),
    ...missingLines(evaluation, names, t).map((l, i) => `${i + 1}. ${l}`),
  ];
  if (student.certificate === 'absent') lines.push(t('school.notice.absent'));
  const ask = t('school.notice.ask');
  lines.push(t('school.notice.unit', { unit: unitName || '' }), t('school.notice.address', { address: unitAddress || ask }),
    t('school.notice.hours', { hours: unitHours || ask }), `${schoolName || ''}  ${t('school.notice.date', { date: notifiedOn || '' })}`);
  return lines.join('\n');
}

const ENVELOPE = new Set(['id', 'kind', 'rev', 'captured_by', 'captured_at', '_local']);

/** The record `data` of a local view row (the view adds id, kind, rev, author and sync state). */
export function recordData(row) {
  return Object.fromEntries(Object.entries(row || {}).filter(([k]) => !ENVELOPE.has(k)));
}

/** not_needed / pending / partial / complete / contraindicated (mirrors webapp/domain/school_checks.py). */
export function catchUpStatus(missingAtCheck, stillMissing, catchUp, contraindicated = false) {
  if (!missingAtCheck?.length) return 'not_needed';
  const atCheck = new Set(missingAtCheck.map((m) => `${m.series}:${m.dose}`));
  const remaining = (stillMissing || []).filter((m) => atCheck.has(`${m.series}:${m.dose}`));
  if (!remaining.length) return 'complete';
  if (contraindicated) return 'contraindicated';
  return catchUp?.length ? 'partial' : 'pending';
}

// ---- class roster (.csv or .xlsx) -----------------------------------------------------------------------

const HEADERS = ROSTER_HEADERS; // the column titles the server accepts too (webapp/data/constants.json)
const REQUIRED = ROSTER_REQUIRED;
const SEX = { 男: 'M', 女: 'F', M: 'M', F: 'F', m: 'M', f: 'F' };

/** CSV text → rows of cells (quotes, doubled quotes, CRLF). */
export function parseCsv(text) {
  const rows = [];
  let row = [], cell = '', quoted = false;
  const src = String(text || '').replace(/^\uFEFF/, '');
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"' && src[i + 1] === '"') { cell += '"'; i++; }
      else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell || row.length) { row.push(cell); rows.push(row); }
  return rows;
}

function normaliseDate(raw) {
  const parts = String(raw || '').trim().split(/[-/.]/);
  if (parts.length !== 3 || parts.some((p) => !/^\d+$/.test(p))) return null;
  const [y, m, d] = parts.map(Number);
  const dt = new Date(Date.UTC(y, m - 1, d));
  if (dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) return null;
  return dt.toISOString().slice(0, 10);
}

function checkRow(values, today) {
  const clean = {}, errors = {};
  for (const key of ['class_name', 'name']) {
    clean[key] = String(values[key] || '').trim();
    if (!clean[key]) errors[key] = 'required';
    else if (clean[key].length > 50) errors[key] = 'too_long';
  }
  clean.sex = SEX[String(values.sex || '').trim()];
  if (!clean.sex) errors.sex = 'sex';
  clean.birth_date = normaliseDate(values.birth_date);
  if (!String(values.birth_date || '').trim()) errors.birth_date = 'required';
  else if (!clean.birth_date) errors.birth_date = 'date';
  else if (clean.birth_date > today) errors.birth_date = 'future';
  const phone = String(values.guardian_phone || '').trim();
  if (phone && !/^[0-9+\- ]{5,20}$/.test(phone)) errors.guardian_phone = 'phone';
  clean.guardian_phone = phone || null;
  return { clean, errors };
}

/** A class roster CSV → {rows, rejected, error}: rows only when no row is rejected (all or nothing).
 * Errors are codes (required, too_long, sex, date, future, phone, duplicate); `error` is empty | missing:<fields>. */
export function readRoster(text, today, known = []) {
  return readRosterTable(parseCsv(text), today, known);
}

/** The first sheet of an Excel roster (read-excel-file's sheets) as rows of text cells: a date cell as 2021-05-01,
 * a number as its digits (a phone number typed as a number), an empty cell as ''. */
export function xlsxTable(sheets) {
  const cell = (v) => (v instanceof Date ? v.toISOString().slice(0, 10) : v === null || v === undefined ? '' : String(v));
  return (sheets[0]?.data || []).map((row) => row.map(cell));
}

/** A roster file (.xlsx, else CSV text) → readRoster's result. */
export async function readRosterFile(file, today, known = []) {
  if (/\.xlsx$/i.test(file?.name || '')) {
    const { default: readXlsxFile } = await import('read-excel-file/universal');
    return readRosterTable(xlsxTable(await readXlsxFile(await file.arrayBuffer())), today, known);
  }
  return readRoster(await file?.text() || '', today, known);
}

/** Rows of cells (header first) → readRoster's result. */
export function readRosterTable(table, today, known = []) {
  if (!table.length) return { rows: [], rejected: [], error: 'empty' };
  const columns = {};
  table[0].forEach((title, i) => { const key = HEADERS[String(title).trim()]; if (key && !(key in columns)) columns[key] = i; });
  const missing = Object.keys(REQUIRED).filter((k) => !(k in columns));
  if (missing.length) return { rows: [], rejected: [], error: 'missing_columns', missing };
  const seen = new Set(known.map((s) => `${s.name}|${s.birth_date}`));
  const rows = [], rejected = [];
  table.slice(1).forEach((line, i) => {
    const values = Object.fromEntries(Object.entries(columns).map(([k, idx]) => [k, line[idx] ?? '']));
    if (!Object.values(values).some((v) => String(v).trim())) return;
    const { clean, errors } = checkRow(values, today);
    const key = `${clean.name}|${clean.birth_date}`;
    if (!Object.keys(errors).length && seen.has(key)) errors.name = 'duplicate';
    seen.add(key);
    if (Object.keys(errors).length) rejected.push({ row: i + 2, values, errors });
    else rows.push(clean);
  });
  return { rows: rejected.length ? [] : rows, rejected, error: null };
}

/** The student_check data a save stores: form values, grid doses, the phone's evaluation, the referral while doses
 * are missing (its first notification date kept), the catch-up status, and the recheck date when rechecked. */
export function studentData({ values, batch, existing, evaluation, grid, today }) {
  const base = existing ? recordData(existing) : {};
  const data = { ...base, school_check_id: batch.id, name: values.name, sex: values.sex, birth_date: values.birth_date,
    class_name: values.class_name, certificate: values.certificate, doses: gridToDoses(grid) };
  if (values.guardian_phone) data.guardian_phone = values.guardian_phone; else delete data.guardian_phone;
  if (evaluation && !evaluation.error) data.evaluation = evaluation;
  if (evaluation?.missing?.length) {
    data.referral = { unit_code: values.referral_unit, notified_on: base.referral?.notified_on || today };
    data.catch_up_status = base.catch_up_status && base.catch_up_status !== 'not_needed' ? base.catch_up_status : 'pending';
  } else {
    delete data.referral;
    data.catch_up_status = base.catch_up?.length ? 'complete' : 'not_needed';
  }
  if ([].concat(values.recheck || []).includes('yes')) data.rechecked_on = base.rechecked_on || today;
  else delete data.rechecked_on;
  return data;
}
