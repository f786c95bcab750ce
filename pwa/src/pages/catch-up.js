// Record the catch-up doses a referred student received here: appended to the student check as a new revision.
import * as api from '../lib/api.js';
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import * as triggers from '../lib/triggers.js';
import * as users from '../lib/users.js';
import { localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { field, readForm, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';
import { evaluateSafe, vaccineNames } from './school-common.js';
import { catchUpStatus, recordData } from './school-model.js';

function doseRow(m, i, names) {
  return h('div', { class: 'field catch-up-row', 'data-path': `catch_up.${i}` },
    h('label', { class: 'check' }, h('input', { type: 'checkbox', name: 'given', value: String(i), class: 'given' }),
      h('span', {}, `${names[m.vaccine] || m.vaccine} ${t('school.dose_n', { n: m.dose })}`)),
    h('input', { type: 'date', class: 'given-on', 'data-index': String(i), value: localDate(), max: localDate(),
      'aria-label': t('catchup.date') }),
    h('p', { class: 'error', hidden: true }));
}

/** Doses missing at check that no catch-up entry covers yet (matched by product, one entry per dose). */
export function stillOwed(student) {
  const given = {};
  for (const c of student.catch_up || []) given[c.vaccine] = (given[c.vaccine] || 0) + 1;
  return (student.evaluation?.missing || []).filter((m) => {
    if (!given[m.vaccine]) return true;
    given[m.vaccine] -= 1;
    return false;
  });
}

/** The new data of the student check: catch-up doses appended, the status from the schedule engine. */
export function withCatchUp(student, doses, unitCode, schedule) {
  const data = recordData(student);
  data.catch_up = [...(data.catch_up || []), ...doses.map((d) => ({ ...d, unit_code: unitCode }))];
  const last = data.catch_up.map((c) => c.date).sort().at(-1);
  const after = evaluateSafe(schedule, { birth_date: data.birth_date, on_date: last,
    doses: [...(data.doses || []), ...data.catch_up].map(({ vaccine, date }) => ({ vaccine, date })) });
  if (!after.error) data.catch_up_status = catchUpStatus(data.evaluation?.missing, after.missing, data.catch_up);
  else data.catch_up_status = 'partial';
  return data;
}

registerPage({
  id: 'catch-up',
  title: 'catchup.title',
  roles: ['nurse'],
  form: true,
  async render(root, ctx) {
    const student = await local.record(ctx.params.student);
    if (!student) { mount(root, h('p', { class: 'error' }, t('school.not_found'))); return; }
    const [names, schedule] = [await vaccineNames(), await local.scheduleData()];
    const missing = stillOwed(student);
    const form = h('form', { class: 'card', id: 'catch-up-form', novalidate: true },
      h('p', {}, `${student.name} · ${student.class_name} · ${student.birth_date}`),
      h('p', { class: 'hint' }, t('catchup.hint')),
      h('fieldset', { class: 'field', 'data-path': 'catch_up' }, h('legend', {}, t('catchup.need')),
        missing.map((m, i) => doseRow(m, i, names))),
      h('button', { type: 'submit', class: 'primary big', id: 'catch-up-save' }, t('form.save')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const chosen = [...form.querySelectorAll('input.given:checked')].map((c) => Number(c.value));
      const errors = {};
      if (!chosen.length) errors.catch_up = [t('catchup.none_chosen')];
      const doses = chosen.map((i) => ({ vaccine: missing[i].vaccine,
        date: form.querySelector(`input.given-on[data-index="${i}"]`).value }));
      doses.forEach((d, k) => { if (!d.date || d.date > localDate() || d.date < student.birth_date) {
        errors[`catch_up.${chosen[k]}`] = [t('catchup.bad_date')]; } });
      if (Object.keys(errors).length) { showErrors(form, errors, fieldLabel); return; }
      const data = withCatchUp(student, doses, ctx.user.scope, schedule);
      const res = await saveRecord('student_check', data, ctx.user, { id: student.id, base_rev: student.rev ?? null });
      if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
      toast(t('catchup.saved', { status: t(`school.status.${data.catch_up_status}`) }));
      ctx.navigate('catch-up-tasks');
    });
    mount(root, h('h1', {}, t('catchup.title')), form, contraForm(student, ctx));
  },
});

/** A contraindication with its reason, sent at once (online only: the reason is not part of the record). */
function contraForm(student, ctx) {
  const form = h('form', { class: 'card', id: 'contra-form', novalidate: true },
    h('h2', {}, t('catchup.contra.title')),
    field({ name: 'reason', label: t('catchup.contra.reason'), required: true, maxlength: 200 }),
    field({ name: 'date', label: t('catchup.date'), type: 'date', value: localDate(), max: localDate(), required: true }),
    h('button', { type: 'submit', class: 'danger big', id: 'contra-save' }, t('catchup.contra.save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = readForm(form);
    if (!v.reason) { showErrors(form, { reason: ['required'] }, () => t('catchup.contra.reason')); return; }
    let res;
    try {
      res = await api.request(`/schools/contraindications/${student.id}`, { method: 'POST',
        token: await users.tokenFor(ctx.user.username), body: { reason: v.reason, date: v.date } });
    } catch {
      toast(t('catchup.contra.offline'), 'error');
      return;
    }
    if (res.status !== 200) {
      showErrors(form, res.body?.errors || { reason: [api.problemText(res.body) || String(res.status)] },
        (path) => (path === 'date' ? t('catchup.date') : t('catchup.contra.reason')));
      return;
    }
    toast(t('catchup.contra.saved'));
    triggers.kick();
    ctx.navigate('catch-up-tasks');
  });
  return form;
}
