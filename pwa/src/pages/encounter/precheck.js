// Step 1: pre-check — the 11 screening questions, temperature, planned vaccines (due doses from the schedule
// engine, or any vaccine added by hand), decision and medical advice.
import { QUESTIONS, ageYears, clinicalWarnings, dueFor, temperatureOk } from '../../lib/encounter.js';
import { getLang, t } from '../../lib/i18n.js';
import * as local from '../../lib/local.js';
import { localDate } from '../../lib/time.js';
import { h } from '../../ui/dom.js';
import { checks, choice, field, readForm, selectField, showErrors, yesNo } from '../../ui/fields.js';
import { autosave } from '../../ui/form-draft.js';
import { fieldLabel } from '../../ui/labels.js';
import { saveRecord, validate } from '../../ui/save.js';

/** A vaccine's name from the pulled catalogue in the current language (the code when unknown). */
export const vaccineName = (cat, code) => (getLang() === 'en' ? cat.get(code)?.en : cat.get(code)?.zh) || code;

async function plannedOptions(child, catalogue) {
  const doses = (await local.recordsOfChild(child.id)).filter((r) => r.kind === 'vaccination');
  const due = dueFor(await local.scheduleData(), child, doses, localDate());
  return due.map((d) => [`${d.vaccine}#${d.dose}`,
    t('enc.due_item', { vaccine: vaccineName(catalogue, d.vaccine), dose: d.dose, since: d.due_since })]);
}

function extraVaccine(catalogue) {
  const codes = [...catalogue.keys()].sort();
  return h('div', { class: 'card' }, h('p', { class: 'hint' }, t('enc.extra_hint')),
    selectField({ name: 'extra_vaccine', label: t('enc.extra_vaccine'), options: codes.map((c) => [c, vaccineName(catalogue, c)]) }),
    field({ name: 'extra_dose', label: t('field.dose'), type: 'number', inputmode: 'numeric', min: '1', max: '6' }));
}

/** The precheck data from the form values. */
export function precheckData(v, ctx, child) {
  const planned = [].concat(v.planned || []).map((p) => {
    const [vaccine, dose] = p.split('#');
    return { vaccine, dose: Number(dose) };
  });
  if (v.extra_vaccine && v.extra_dose) planned.push({ vaccine: v.extra_vaccine, dose: Number(v.extra_dose) });
  const answers = Object.fromEntries(QUESTIONS.filter((q) => v[`q_${q}`]).map((q) => [q, v[`q_${q}`]]));
  const data = { unit_code: ctx.user.scope, child_id: child.id, visit_date: v.visit_date, planned, answers,
    decision: v.decision, nurse: ctx.user.username };
  if (v.temperature_c !== '') data.temperature_c = Number(v.temperature_c);
  if (v.decision_note) data.decision_note = v.decision_note;
  return data;
}

export async function precheckStep(root, { ctx, child, go, draftId }) {
  const catalogue = await local.vaccineCatalogue();
  const due = await plannedOptions(child, catalogue);
  const allNo = h('button', { type: 'button', id: 'all-no', onclick: () => {
    for (const q of QUESTIONS) form.querySelector(`input[name="q_${q}"][value="no"]`).checked = true;
    form.dispatchEvent(new Event('change'));
  } }, t('enc.all_no'));
  const form = h('form', { id: 'precheck-form', novalidate: true },
    field({ name: 'visit_date', label: t('field.visit_date'), type: 'date', value: localDate(), required: true }),
    h('fieldset', { class: 'card', 'data-path': 'answers' }, h('legend', {}, t('field.answers')), allNo,
      QUESTIONS.map((q) => yesNo(`q_${q}`, t(`q.${q}`)))),
    field({ name: 'temperature_c', label: t('field.temperature_c'), type: 'number', inputmode: 'decimal',
      step: '0.1', min: '34', max: '43' }),
    due.length ? checks({ name: 'planned', label: t('field.planned'), options: due })
      : h('p', { class: 'muted', 'data-path': 'planned' }, t('enc.no_due')),
    extraVaccine(catalogue),
    choice({ name: 'decision', label: t('field.decision'), required: true,
      options: ['vaccinate', 'defer', 'contraindicated'].map((d) => [d, t(`decision.${d}`)]) }),
    field({ name: 'decision_note', label: t('field.decision_note'), type: 'textarea' }),
    h('button', { type: 'submit', class: 'primary big', id: 'save-precheck' }, t('enc.save_precheck')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, ctx, child, go); });
  root.append(form);
  await autosave(form, draftId('precheck'));
}

async function submit(form, ctx, child, go) {
  const v = readForm(form);
  const data = precheckData(v, ctx, child);
  const extra = temperatureOk(v.temperature_c) ? {} : { temperature_c: ['temperature'] };
  const clinical = clinicalWarnings(data);
  const warned = JSON.stringify(clinical); // a changed clinical picture (or decision) is warned about again
  if (Object.keys(clinical).length && form.dataset.clinical !== warned) {
    form.dataset.clinical = warned;
    showErrors(form, { ...clinical, ...extra }, fieldLabel, { summaryKey: 'enc.clinical_warn', kind: 'warn' });
    return;
  }
  const { warnings } = await validate('precheck', data, { ageYears: ageYears(child.birth_date, data.visit_date) });
  if (Object.keys(warnings).length && form.dataset.warned !== '1') {
    form.dataset.warned = '1';
    if (showErrors(form, { ...warnings, ...extra }, fieldLabel, { summaryKey: 'form.qc_warnings', kind: 'warn' })
      && !Object.keys(extra).length) return;
  }
  const res = await saveRecord('precheck', data, ctx.user, { extraErrors: extra });
  if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
  const next = data.decision === 'vaccinate' ? 'consent' : 'done';
  await go({ step: next, precheck_id: res.item.id, planned: data.planned, saved: [res.item.id] });
}
