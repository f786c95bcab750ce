// AEFI case report (疑似预防接种异常反应个案报告): every field of the national case card, up to three suspect
// vaccines picked from the child's recorded doses, date-order checks; also fixes a report the county returned.
import { DETECTION, MAX_SUSPECTS, OUTCOMES, PRELIMINARY, dateErrors, suspectFrom } from '../lib/aefi.js';
import { vaccineName } from '../lib/due.js';
import { getLang, label, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { observation, observationData, stopObservation } from '../lib/observe.js';
import { registerPage } from '../lib/registry.js';
import { fromDatetimeLocal, isoLocal, toDatetimeLocal } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { choice, field, readForm, selectField, showErrors } from '../ui/fields.js';
import { autosave, dropDraft, restoreForm } from '../ui/form-draft.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';

const GRADES = ['1', '2', '3', '4'].map((g) => [g, g]);
const yn = [['yes', t('form.yes')], ['no', t('form.no')]];
const opt = (prefix, codes) => codes.map((c) => [c, t(`${prefix}.${c}`)]);

function doseLabel(v, names) {
  return `${t('enc.vaccine_dose', { vaccine: names(v.vaccine), dose: v.dose })} · ${v.given_on} · ${v.lot_no || ''}`;
}

function personFields(child) {
  if (child) return [h('p', { class: 'card' }, h('strong', {}, child.name), ` · ${label('sex', child.sex)} · ${child.birth_date}`)];
  return [field({ name: 'name', label: t('field.name'), required: true }),
    choice({ name: 'sex', label: t('field.sex'), required: true, options: [['M', label('sex', 'M')], ['F', label('sex', 'F')]] }),
    field({ name: 'birth_date', label: t('field.birth_date'), type: 'date', required: true })];
}

function suspectFields(doses, names) {
  const options = doses.map((d) => [d.id, doseLabel(d, names)]);
  const picks = Array.from({ length: MAX_SUSPECTS }, (_, i) => selectField({ name: `pick${i}`,
    label: t('aefi.suspect_n', { n: i + 1 }), options }));
  const manual = h('fieldset', { class: 'card', 'data-path': 'vaccines' }, h('legend', {}, t('aefi.manual_vaccine')),
    field({ name: 'm.vaccine', label: t('field.vaccine') }), field({ name: 'm.manufacturer', label: t('field.manufacturer') }),
    field({ name: 'm.lot_no', label: t('field.lot_no') }), field({ name: 'm.vaccinated_on', label: t('field.vaccinated_on'), type: 'date' }),
    field({ name: 'm.dose', label: t('field.dose'), type: 'number', inputmode: 'numeric', min: '1' }),
    selectField({ name: 'm.strategy', label: t('field.strategy'), value: 'routine', noEmpty: true,
      options: opt('strategy', ['routine', 'catch_up', 'campaign', 'emergency']) }));
  return h('fieldset', { class: 'card', 'data-path': 'vaccines.0' }, h('legend', {}, t('field.vaccines')),
    doses.length ? picks : h('p', { class: 'muted' }, t('aefi.no_doses')), manual);
}

function caseFields(user) {
  return [
    field({ name: 'guardian_name', label: t('field.guardian_name') }),
    field({ name: 'phone', label: t('field.phone'), type: 'tel', inputmode: 'tel' }),
    field({ name: 'address', label: t('field.address') }),
    field({ name: 'onset_at', label: t('field.onset_at'), type: 'datetime-local', required: true }),
    field({ name: 'discovered_at', label: t('field.discovered_at'), type: 'datetime-local', required: true }),
    field({ name: 'reported_at', label: t('field.reported_at'), type: 'datetime-local', required: true, value: toDatetimeLocal(isoLocal()) }),
    field({ name: 'clinic', label: t('field.clinic') }),
    field({ name: 'course', label: t('field.course'), type: 'textarea', required: true }),
    selectField({ name: 'fever_grade', label: t('field.fever_grade'), options: GRADES }),
    selectField({ name: 'swelling_grade', label: t('field.swelling_grade'), options: GRADES }),
    selectField({ name: 'induration_grade', label: t('field.induration_grade'), options: GRADES }),
    field({ name: 'diagnosis', label: t('field.diagnosis') }),
    choice({ name: 'hospitalized', label: t('field.hospitalized'), required: true, options: yn }),
    selectField({ name: 'outcome', label: t('field.outcome'), required: true, options: opt('outcome', OUTCOMES) }),
    choice({ name: 'serious', label: t('field.serious'), required: true, options: yn }),
    selectField({ name: 'preliminary_class', label: t('field.preliminary_class'), required: true, options: opt('prelim', PRELIMINARY) }),
    selectField({ name: 'detection', label: t('field.detection'), options: opt('detection', DETECTION) }),
    field({ name: 'reporter', label: t('field.reporter'), required: true, value: user.username }),
    field({ name: 'reporter_phone', label: t('field.reporter_phone'), type: 'tel', inputmode: 'tel' }),
  ];
}

const TEXT = ['guardian_name', 'phone', 'address', 'clinic', 'course', 'diagnosis', 'outcome', 'preliminary_class',
  'detection', 'reporter', 'reporter_phone', 'name', 'sex', 'birth_date'];

/** The aefi_report data from the form values. */
export function reportData(v, { user, child, doses }) {
  const data = { unit_code: user.scope };
  if (child) data.child_id = child.id;
  for (const k of TEXT) if (v[k]) data[k] = v[k];
  const byId = new Map(doses.map((d) => [d.id, d]));
  const picked = [0, 1, 2].map((i) => byId.get(v[`pick${i}`])).filter(Boolean).map(suspectFrom);
  if (v['m.vaccine']) {
    picked.push({ vaccine: v['m.vaccine'], manufacturer: v['m.manufacturer'], lot_no: v['m.lot_no'],
      vaccinated_on: v['m.vaccinated_on'], dose: Number(v['m.dose']) || undefined, strategy: v['m.strategy'] || 'routine' });
  }
  data.vaccines = picked;
  for (const k of ['onset_at', 'discovered_at', 'reported_at']) if (v[k]) data[k] = fromDatetimeLocal(v[k]);
  for (const k of ['fever_grade', 'swelling_grade', 'induration_grade']) if (v[k]) data[k] = Number(v[k]);
  for (const k of ['hospitalized', 'serious']) if (v[k]) data[k] = v[k] === 'yes';
  return JSON.parse(JSON.stringify(data));
}

/** Form values from a stored report (fixing a returned report). */
function valuesOf(r) {
  const v = Object.fromEntries(TEXT.filter((k) => r[k] !== undefined).map((k) => [k, r[k]]));
  for (const k of ['onset_at', 'discovered_at', 'reported_at']) v[k] = toDatetimeLocal(r[k]);
  for (const k of ['fever_grade', 'swelling_grade', 'induration_grade']) if (r[k]) v[k] = String(r[k]);
  for (const k of ['hospitalized', 'serious']) if (typeof r[k] === 'boolean') v[k] = r[k] ? 'yes' : 'no';
  const m = (r.vaccines || [])[0];
  if (m) Object.assign(v, { 'm.vaccine': m.vaccine, 'm.manufacturer': m.manufacturer, 'm.lot_no': m.lot_no,
    'm.vaccinated_on': m.vaccinated_on, 'm.dose': String(m.dose ?? ''), 'm.strategy': m.strategy || 'routine' });
  return v;
}

/** The fields the county's score checks (QC-required in the pulled rules), named, so the nurse can complete them. */
async function scoredFields() {
  const rules = (await local.fieldRules())?.aefi_report || {};
  const qc = (fields, prefix = '') => Object.entries(fields).flatMap(([k, r]) => [
    ...(r.level === 'qc' ? [fieldLabel(prefix + k)] : []), ...(r.fields ? qc(r.fields, `${prefix}${k}.0.`) : [])]);
  const names = qc(rules);
  return names.length ? h('p', { class: 'card hint', id: 'aefi-scored' }, t('aefi.scored', { list: names.join('、') }))
    : null;
}

async function load(ctx) {
  const task = ctx.params.task ? await local.task(ctx.params.task) : null;
  const existing = task ? await local.record(task.record_id) : null;
  const childId = existing?.child_id || ctx.params.child;
  const child = childId ? await local.child(childId) : null;
  const doses = child ? (await local.recordsOfChild(child.id)).filter((r) => r.kind === 'vaccination') : [];
  const [catalogue, schedule] = await Promise.all([local.vaccineCatalogue(), local.scheduleData()]);
  const names = (code) => catalogue.get(code)?.[getLang() === 'en' ? 'en' : 'zh'] || vaccineName(schedule, code, getLang());
  const observed = ctx.params.obs ? await observation(ctx.params.obs) : null;
  return { task, existing, child, doses, names, observed };
}

/** Form values from a 留观 that ended in a reaction: the observed doses as suspects, the onset time. */
function observedValues(observed, onset) {
  const v = Object.fromEntries(observed.vaccination_ids.slice(0, MAX_SUSPECTS).map((id, i) => [`pick${i}`, id]));
  if (onset) Object.assign(v, { onset_at: toDatetimeLocal(onset), discovered_at: toDatetimeLocal(onset) });
  return v;
}

/** The observation that opened this report ends as a reaction, linked to the report. */
async function closeObservation(observed, aefiId, user) {
  if (!observed) return;
  const res = await saveRecord('observation', observationData(observed, 'reaction', { aefiId }), user);
  if (!res.errors) await stopObservation(observed.id);
}

registerPage({
  id: 'aefi',
  title: 'aefi.title',
  form: true,
  roles: ['nurse'],
  nav: { order: 30 },
  async render(root, ctx) {
    const { task, existing, child, doses, names, observed } = await load(ctx);
    const form = h('form', { id: 'aefi-form', novalidate: true }, personFields(child), suspectFields(doses, names),
      caseFields(ctx.user), h('button', { type: 'submit', class: 'primary big', id: 'save-aefi' }, t('form.save')));
    mount(root, h('h1', {}, t('aefi.title')),
      task ? h('p', { class: 'warn', role: 'alert' }, t('aefi.returned', { reason: task.reason })) : null,
      await scoredFields(), form);
    if (existing) restoreForm(form, valuesOf(existing)); else await autosave(form, `aefi:${ctx.user.username}:${child?.id || 'new'}`);
    if (observed && !existing) restoreForm(form, observedValues(observed, ctx.params.onset));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = reportData(readForm(form), { user: ctx.user, child, doses });
      if (existing && !doses.length) { // the form edits the first suspect vaccine; keep the rest and its QC fields
        const [first, ...rest] = existing.vaccines || [];
        data.vaccines = [{ ...first, ...data.vaccines[0] }, ...rest];
      }
      const extra = dateErrors({ ...data, birth_date: data.birth_date || child?.birth_date });
      if (data.vaccines.length > MAX_SUSPECTS) extra.vaccines = ['too_many'];
      const res = await saveRecord('aefi_report', data, ctx.user, existing
        ? { id: existing.id, base_rev: existing.rev, extraErrors: extra } : { extraErrors: extra });
      if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
      if (task) await local.removeTask(task.id);
      await closeObservation(observed, res.item.id, ctx.user);
      await dropDraft(`aefi:${ctx.user.username}:${child?.id || 'new'}`);
      toast(t('aefi.saved'));
      ctx.navigate('home');
    });
  },
});
