// One surveyed child: the certificate seen or not, its doses copied into the vaccine × dose grid (the school
// check's grid), the BCG scar, residence and a note; saved as a new revision of the `survey_child` record.
import { choice, doseGrid, dosesToGrid, field, fieldLabel, gridErrors, h, label, local, mount, readForm,
  readGrid, saveRecord, showErrors, t, toast, vaccineNames } from './deps.js';
import { surveyedChildData } from './model.js';

/** Grid errors as the form's error bag: "doses.HepB" → the cell's message (a date after the survey day, ...). */
export function gridBag(grid, birthDate, surveyedOn) {
  return Object.fromEntries(Object.entries(gridErrors(grid, birthDate, surveyedOn)).map(([k, code]) => [
    `doses.${k.split('.')[0]}`, [code === 'after_check' ? t('survey.grid.err.after_check') : t(`school.grid.err.${code}`)]]));
}

function childForm(child, survey, names) {
  const birthInput = h('input', { type: 'hidden', value: child.birth_date });
  const grid = doseGrid({ grid: dosesToGrid(child.doses || []), names, birthInput, onDate: survey.surveyed_on });
  const absentNote = h('p', { class: 'hint', id: 'grid-absent' }, t('survey.grid.absent'));
  const form = h('form', { id: 'survey-child-form', novalidate: true },
    h('div', { class: 'card' },
      choice({ name: 'certificate', label: t('field.certificate'), value: child.certificate || 'present', required: true,
        options: ['present', 'absent'].map((c) => [c, t(`survey.certificate.${c}`)]) }),
      choice({ name: 'bcg_scar', label: t('survey.field.bcg_scar'), value: child.bcg_scar || '',
        options: ['yes', 'no', 'not_applicable'].map((c) => [c, t(`survey.bcg.${c}`)]) }),
      field({ name: 'resident_since', label: t('survey.field.resident_since'), type: 'date',
        value: child.resident_since || '', hint: t('survey.resident_hint') }),
      field({ name: 'note', label: t('field.note'), type: 'textarea', value: child.note || '' })),
    birthInput, absentNote, grid,
    h('button', { type: 'submit', class: 'primary big', id: 'survey-child-save' }, t('form.save')));
  const showGrid = () => {
    const absent = readForm(form).certificate === 'absent';
    grid.hidden = absent;
    absentNote.hidden = !absent;
  };
  form.addEventListener('change', showGrid);
  showGrid();
  return form;
}

export async function render(root, ctx) {
  const [survey, child] = [await local.record(ctx.params.survey), await local.record(ctx.params.child)];
  if (!survey || !child || child.survey_id !== survey.id) {
    mount(root, h('p', { class: 'error' }, t('survey.not_found')));
    return;
  }
  const form = childForm(child, survey, await vaccineNames());
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const values = readForm(form);
    const grid = readGrid(form);
    const extraErrors = values.certificate === 'absent' ? {} : gridBag(grid, child.birth_date, survey.surveyed_on);
    const res = await saveRecord('survey_child', surveyedChildData(child, values, grid), ctx.user,
      { id: child.id, base_rev: child.rev ?? null, extraErrors });
    if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
    toast(t('survey.child.saved'));
    ctx.navigate('survey', { id: survey.id });
  });
  mount(root, h('h1', {}, t('survey.child.head', { name: child.name, sex: label('sex', child.sex),
    birth: child.birth_date })),
  child.child_id ? null : h('p', { class: 'pill pill-bad' }, t('survey.missed.badge')),
  h('p', {}, h('a', { href: `#/survey?id=${survey.id}` }, t('survey.back'))), form);
}
