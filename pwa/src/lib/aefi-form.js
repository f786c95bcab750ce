// The AEFI form's values ↔ the aefi_report record (records.md): the national card's fields including its optional
// ones (编码, 职业, 群体性, 重大社会影响; per suspect vaccine 规格, 接种剂量, 疫苗属性), and the card's coded scales
// named as the card names them. Plain values in and out, so node tests cover them.
import { MAX_SUSPECTS, suspectFrom } from './aefi.js';
import { fromDatetimeLocal, toDatetimeLocal } from './time.js';

/** The card's coded scales: 发热 1 = 37.1–37.5, 2 = 37.6–38.5, 3 = ≥38.6, 4 = none; 红肿/硬结 1 = ≤2.5 cm,
 * 2 = 2.6–5.0, 3 = >5.0, 4 = none (domain.md §2). The texts are `code.<scale>.<grade>` in the message tables. */
export const GRADE_SCALES = { fever_grade: 'fever_grade', swelling_grade: 'size_grade', induration_grade: 'size_grade' };
export const GRADES = ['1', '2', '3', '4'];
export const CATEGORIES = ['nip', 'non_nip'];
export const SUSPECT_EXTRAS = ['spec', 'dose_amount', 'category']; // 规格, 接种剂量, 疫苗属性
const MOMENTS = ['onset_at', 'discovered_at', 'reported_at'];
const FLAGS = ['hospitalized', 'serious', 'cluster', 'high_impact'];

/** [value, text] options of a grade field: "1 37.1–37.5 ℃", "4 无". */
export function gradeOptions(name, t) {
  return GRADES.map((g) => [g, `${g} ${t(`code.${GRADE_SCALES[name]}.${g}`)}`]);
}

export const TEXT = ['case_code', 'name', 'sex', 'birth_date', 'occupation', 'guardian_name', 'phone', 'address',
  'clinic', 'course', 'diagnosis', 'outcome', 'preliminary_class', 'detection', 'reporter', 'reporter_phone'];

/** The optional per-vaccine fields typed under a suspect (`s0.spec`, `m.category`), with the catalogue's 疫苗属性
 * when the nurse left it empty. */
function extras(v, prefix, vaccine, categoryOf) {
  const out = {};
  for (const k of SUSPECT_EXTRAS) if (v[`${prefix}.${k}`]) out[k] = v[`${prefix}.${k}`];
  const known = categoryOf(vaccine);
  if (!out.category && CATEGORIES.includes(known)) out.category = known;
  return out;
}

function suspects(v, doses, categoryOf) {
  const byId = new Map(doses.map((d) => [d.id, d]));
  const picked = [];
  for (let i = 0; i < MAX_SUSPECTS; i++) {
    const dose = byId.get(v[`pick${i}`]);
    if (dose) picked.push({ ...suspectFrom(dose), ...extras(v, `s${i}`, dose.vaccine, categoryOf) });
  }
  if (v['m.vaccine']) {
    picked.push({ vaccine: v['m.vaccine'], manufacturer: v['m.manufacturer'], lot_no: v['m.lot_no'],
      vaccinated_on: v['m.vaccinated_on'], dose: Number(v['m.dose']) || undefined, strategy: v['m.strategy'] || 'routine',
      route: v['m.route'] || undefined, site: v['m.site'] || undefined, ...extras(v, 'm', v['m.vaccine'], categoryOf) });
  }
  return picked;
}

/** The aefi_report data from the form values; `categoryOf(code)` is the catalogue's nip | non_nip. */
export function reportData(v, { user, child, doses = [], categoryOf = () => null }) {
  const data = { unit_code: user.scope };
  if (child) data.child_id = child.id;
  for (const k of TEXT) if (v[k]) data[k] = v[k];
  data.vaccines = suspects(v, doses, categoryOf);
  for (const k of MOMENTS) if (v[k]) data[k] = fromDatetimeLocal(v[k]);
  for (const k of Object.keys(GRADE_SCALES)) if (v[k]) data[k] = Number(v[k]);
  for (const k of FLAGS) if (v[k]) data[k] = v[k] === 'yes';
  return JSON.parse(JSON.stringify(data));
}

/** Form values from a stored report (fixing a returned report): the first suspect vaccine in the by-hand fields. */
export function valuesOf(r) {
  const v = Object.fromEntries(TEXT.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
  for (const k of MOMENTS) v[k] = toDatetimeLocal(r[k]);
  for (const k of Object.keys(GRADE_SCALES)) if (r[k]) v[k] = String(r[k]);
  for (const k of FLAGS) if (typeof r[k] === 'boolean') v[k] = r[k] ? 'yes' : 'no';
  const m = (r.vaccines || [])[0];
  if (m) {
    Object.assign(v, { 'm.vaccine': m.vaccine, 'm.manufacturer': m.manufacturer, 'm.lot_no': m.lot_no,
      'm.vaccinated_on': m.vaccinated_on, 'm.dose': String(m.dose ?? ''), 'm.strategy': m.strategy || 'routine' });
    for (const k of ['route', 'site', ...SUSPECT_EXTRAS]) if (m[k]) v[`m.${k}`] = m[k];
  }
  return v;
}
