// One student at the enrolment desk: the certificate, its doses on a vaccine × dose grid, the missing doses at
// once (the schedule engine on the phone), the referral unit; also the recheck later in the year.
import { label, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { doseGrid, readGrid } from '../ui/dose-grid.js';
import { choice, field, readForm, selectField, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';
import { rosterOf } from './school-batch.js';
import { evaluateSafe, schoolOf, units, vaccineNames } from './school-common.js';
import { dosesToGrid, gridErrors, gridToDoses, missingLines, studentData } from './school-model.js';

function showResult(box, evaluation, names) {
  if (evaluation.error) { mount(box, h('p', { class: 'warn' }, evaluation.error)); return; }
  const lines = missingLines(evaluation, names, t);
  mount(box, lines.length
    ? [h('p', { class: 'error', id: 'missing-title' }, t('school.missing_n', { n: lines.length })),
      h('ul', { id: 'missing-list' }, lines.map((l) => h('li', {}, l)))]
    : h('p', { class: 'ok', id: 'missing-title' }, t('school.complete_long')),
  (evaluation.notes || []).map((n) => h('p', { class: 'hint' }, n)));
}

async function startValues(ctx) {
  if (ctx.params.student) return { existing: await local.record(ctx.params.student) };
  const roster = ctx.params.roster !== undefined ? (await rosterOf(ctx.params.batch))[Number(ctx.params.roster)] : null;
  return { existing: null, roster };
}

registerPage({
  id: 'school-student',
  title: 'school.student.title',
  roles: ['school'],
  form: true,
  async render(root, ctx) {
    const batch = await local.record(ctx.params.batch);
    if (!batch) { mount(root, h('p', { class: 'error' }, t('school.not_found'))); return; }
    const [schedule, names, school, unitList] = [await local.scheduleData(), await vaccineNames(),
      await schoolOf(batch.school_code), await units()];
    const { existing, roster } = await startValues(ctx);
    const v = existing || roster || {};
    const grid = dosesToGrid(existing?.doses || []);
    const birth = field({ name: 'birth_date', label: t('field.birth_date'), type: 'date', value: v.birth_date,
      required: true, max: localDate() });
    const birthInput = birth.querySelector('input');
    const result = h('div', { class: 'card result', id: 'result', 'aria-live': 'polite' });
    const form = h('form', { id: 'student-form', novalidate: true },
      h('div', { class: 'card' },
        field({ name: 'name', label: t('field.name'), value: v.name, required: true, autocomplete: 'off' }),
        choice({ name: 'sex', label: t('field.sex'), value: v.sex, required: true,
          options: ['M', 'F'].map((c) => [c, label('sex', c)]) }),
        birth,
        field({ name: 'class_name', label: t('field.class_name'), value: v.class_name, required: true }),
        field({ name: 'guardian_phone', label: t('field.guardian_phone'), type: 'tel', inputmode: 'tel',
          value: v.guardian_phone || '' }),
        choice({ name: 'certificate', label: t('field.certificate'), value: v.certificate || 'present', required: true,
          options: ['present', 'absent', 'reissued'].map((c) => [c, t(`school.certificate.${c}`)]) })),
      doseGrid({ grid, names, birthInput, onDate: batch.started_on }),
      result,
      h('div', { class: 'card' },
        selectField({ name: 'referral_unit', label: t('school.referral.unit'), noEmpty: true,
          value: existing?.referral?.unit_code || school.unit_code || '',
          options: unitList.map((u) => [u.code, u.name]) }),
        existing ? h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'recheck', value: 'yes',
          checked: Boolean(existing.rechecked_on) }), h('span', {}, t('school.recheck'))) : null),
      h('button', { type: 'submit', class: 'primary big', id: 'student-save' }, t('form.save')));
    const evaluateNow = () => {
      const doses = gridToDoses(readGrid(form));
      if (!birthInput.value) { mount(result, h('p', { class: 'hint' }, t('school.need_birth'))); return null; }
      const evaluation = evaluateSafe(schedule, { birth_date: birthInput.value, on_date: batch.started_on, doses });
      showResult(result, evaluation, names);
      return evaluation;
    };
    form.addEventListener('input', evaluateNow);
    form.addEventListener('change', evaluateNow);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const values = readForm(form);
      const evaluation = evaluateNow();
      const gridBag = Object.fromEntries(Object.entries(gridErrors(readGrid(form), values.birth_date, batch.started_on))
        .map(([k, code]) => [`doses.${k.split('.')[0]}`, [t(`school.grid.err.${code}`)]]));
      const data = studentData({ values, batch, existing, evaluation, grid: readGrid(form), today: localDate() });
      const res = await saveRecord('student_check', data, ctx.user, { id: existing?.id,
        base_rev: existing?.rev ?? null, extraErrors: gridBag });
      if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
      toast(t('school.student.saved'));
      if (data.referral && !existing?.referral) ctx.navigate('school-referral', { student: res.item.id });
      else ctx.navigate('school-batch', { batch: batch.id });
    });
    mount(root, h('h1', {}, existing ? t('school.student.edit') : t('school.student.title')), form);
    evaluateNow();
  },
});
