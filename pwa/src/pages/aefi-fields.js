// The AEFI form's field groups: the person, up to three suspect vaccines with their 规格/接种剂量/疫苗属性, and the
// case itself with the card's coded scales named ("1 37.1–37.5 ℃", "4 无") and its optional 群体性/重大社会影响.
import { DETECTION, MAX_SUSPECTS, OUTCOMES, PRELIMINARY } from '../lib/aefi.js';
import { CATEGORIES, gradeOptions } from '../lib/aefi-form.js';
import { ROUTES, SITES } from '../lib/encounter.js';
import { label, t } from '../lib/i18n.js';
import { isoLocal, toDatetimeLocal } from '../lib/time.js';
import { h } from '../ui/dom.js';
import { choice, field, selectField } from '../ui/fields.js';

const yn = () => [['yes', t('form.yes')], ['no', t('form.no')]];
const opt = (prefix, codes) => codes.map((c) => [c, t(`${prefix}.${c}`)]);

function doseLabel(v, names) {
  return `${t('enc.vaccine_dose', { vaccine: names(v.vaccine), dose: v.dose })} · ${v.given_on} · ${v.lot_no || ''}`;
}

/** 编码 and the person: the registry child's name line, or name/sex/birth date typed; 职业 either way. */
export function personFields(child) {
  const code = field({ name: 'case_code', label: t('field.case_code'), hint: t('aefi.case_code_hint') });
  const job = field({ name: 'occupation', label: t('field.occupation') });
  if (child) return [code, h('p', { class: 'card' }, h('strong', {}, child.name), ` · ${label('sex', child.sex)} · ${child.birth_date}`), job];
  return [code, field({ name: 'name', label: t('field.name'), required: true }),
    choice({ name: 'sex', label: t('field.sex'), required: true, options: [['M', label('sex', 'M')], ['F', label('sex', 'F')]] }),
    field({ name: 'birth_date', label: t('field.birth_date'), type: 'date', required: true }), job];
}

/** 规格, 接种剂量 and 疫苗属性 of one suspect vaccine (prefix `s0`…`s2` for a picked dose, `m` for one by hand). */
function extraFields(prefix) {
  return h('div', { class: 'row' },
    field({ name: `${prefix}.spec`, label: t('field.spec'), placeholder: t('aefi.spec_example') }),
    field({ name: `${prefix}.dose_amount`, label: t('field.dose_amount'), placeholder: t('aefi.dose_amount_example') }),
    selectField({ name: `${prefix}.category`, label: t('field.category'), options: opt('code.category', CATEGORIES) }));
}

/** The suspect vaccines: picks from the recorded doses, and one by hand. */
export function suspectFields(doses, names) {
  const options = doses.map((d) => [d.id, doseLabel(d, names)]);
  const picks = Array.from({ length: MAX_SUSPECTS }, (_, i) => h('div', { class: 'suspect' },
    selectField({ name: `pick${i}`, label: t('aefi.suspect_n', { n: i + 1 }), options }), extraFields(`s${i}`)));
  const manual = h('fieldset', { class: 'card', 'data-path': 'vaccines' }, h('legend', {}, t('aefi.manual_vaccine')),
    field({ name: 'm.vaccine', label: t('field.vaccine') }), field({ name: 'm.manufacturer', label: t('field.manufacturer') }),
    field({ name: 'm.lot_no', label: t('field.lot_no') }), field({ name: 'm.vaccinated_on', label: t('field.vaccinated_on'), type: 'date' }),
    field({ name: 'm.dose', label: t('field.dose'), type: 'number', inputmode: 'numeric', min: '1' }),
    selectField({ name: 'm.strategy', label: t('field.strategy'), value: 'routine', noEmpty: true,
      options: opt('strategy', ['routine', 'catch_up', 'campaign', 'emergency']) }),
    selectField({ name: 'm.route', label: t('field.route'), options: opt('route', ROUTES) }),
    selectField({ name: 'm.site', label: t('field.site'), options: opt('site', SITES) }), extraFields('m'));
  return h('fieldset', { class: 'card', 'data-path': 'vaccines.0' }, h('legend', {}, t('field.vaccines')),
    doses.length ? picks : h('p', { class: 'muted' }, t('aefi.no_doses')), manual);
}

const grade = (name) => selectField({ name, label: t(`field.${name}`), options: gradeOptions(name, t) });

/** The case: dates, the clinical course with its three coded scales, outcome, classification and reporter. */
export function caseFields(user) {
  return [
    field({ name: 'guardian_name', label: t('field.guardian_name') }),
    field({ name: 'phone', label: t('field.phone'), type: 'tel', inputmode: 'tel' }),
    field({ name: 'address', label: t('field.address') }),
    field({ name: 'onset_at', label: t('field.onset_at'), type: 'datetime-local', required: true }),
    field({ name: 'discovered_at', label: t('field.discovered_at'), type: 'datetime-local', required: true }),
    field({ name: 'reported_at', label: t('field.reported_at'), type: 'datetime-local', required: true, value: toDatetimeLocal(isoLocal()) }),
    field({ name: 'clinic', label: t('field.clinic') }),
    field({ name: 'course', label: t('field.course'), type: 'textarea', required: true }),
    grade('fever_grade'), grade('swelling_grade'), grade('induration_grade'),
    field({ name: 'diagnosis', label: t('field.diagnosis') }),
    choice({ name: 'hospitalized', label: t('field.hospitalized'), required: true, options: yn() }),
    selectField({ name: 'outcome', label: t('field.outcome'), required: true, options: opt('outcome', OUTCOMES) }),
    choice({ name: 'serious', label: t('field.serious'), required: true, options: yn() }),
    choice({ name: 'cluster', label: t('field.cluster'), options: yn() }),
    choice({ name: 'high_impact', label: t('field.high_impact'), options: yn() }),
    selectField({ name: 'preliminary_class', label: t('field.preliminary_class'), required: true, options: opt('prelim', PRELIMINARY) }),
    selectField({ name: 'detection', label: t('field.detection'), options: opt('detection', DETECTION) }),
    field({ name: 'reporter', label: t('field.reporter'), required: true, value: user.username }),
    field({ name: 'reporter_phone', label: t('field.reporter_phone'), type: 'tel', inputmode: 'tel' }),
  ];
}
