// One village survey: the children surveyed so far, the registry children of the cohort living in the village still
// to survey (one tap adds one), and the form for a child found in the village whom the registry does not know (漏卡).
import { choice, field, fieldLabel, getLang, h, label, local, localDate, mount, readForm, saveRecord, showErrors,
  syncLabel, t, toast } from './deps.js';
import { names, periodLabel, planTitle } from './list.js';
import { cohortProposal, fromRegistry, missedChild, missedErrors, progress } from './model.js';

/** The survey's children on this device, in the order they were added. */
export async function surveyedOf(surveyId) {
  return (await local.recordsOfKind('survey_child')).filter((c) => c.survey_id === surveyId)
    .sort((a, b) => ((a.captured_at || '') < (b.captured_at || '') ? -1 : 1));
}

function childRow(c, surveyId) {
  return h('li', { class: 'card', 'data-surveyed': c.id },
    h('a', { href: `#/survey-child?survey=${surveyId}&child=${c.id}` }, h('strong', {}, c.name)),
    ` · ${label('sex', c.sex)} · ${c.birth_date} · `,
    c.child_id ? null : h('span', { class: 'pill pill-bad' }, t('survey.missed.badge')), ' ',
    t(`survey.certificate.${c.certificate}`), ' · ', t('survey.doses_n', { n: (c.doses || []).length }), ' ',
    syncLabel(c));
}

async function addChild(ctx, survey, data, extraErrors = {}) {
  const res = await saveRecord('survey_child', data, ctx.user, { extraErrors });
  if (res.errors) return res;
  ctx.navigate('survey-child', { survey: survey.id, child: res.item.id });
  return res;
}

function proposedRow(ctx, survey, child) {
  return h('li', { class: 'card', 'data-proposed': child.id }, h('strong', {}, child.name),
    ` · ${label('sex', child.sex)} · ${child.birth_date} `,
    h('button', { type: 'button', class: 'primary', onclick: async (e) => {
      e.currentTarget.disabled = true; // a second tap must not survey the child twice
      const res = await addChild(ctx, survey, fromRegistry(survey, child));
      if (res.errors) toast(Object.values(res.errors).flat().join('；'), 'error');
    } }, t('survey.proposed.add')));
}

function missedForm(ctx, survey) {
  const form = h('form', { class: 'card', id: 'missed-form', novalidate: true },
    h('h2', {}, t('survey.missed.title')), h('p', { class: 'hint' }, t('survey.missed.hint')),
    field({ name: 'name', label: t('field.name'), required: true, autocomplete: 'off' }),
    choice({ name: 'sex', label: t('field.sex'), required: true, options: ['M', 'F'].map((c) => [c, label('sex', c)]) }),
    field({ name: 'birth_date', label: t('field.birth_date'), type: 'date', required: true, max: localDate() }),
    field({ name: 'resident_since', label: t('survey.field.resident_since'), type: 'date',
      hint: t('survey.resident_hint') }),
    choice({ name: 'certificate', label: t('field.certificate'), value: 'present', required: true,
      options: ['present', 'absent'].map((c) => [c, t(`survey.certificate.${c}`)]) }),
    h('button', { type: 'submit', class: 'primary big', id: 'missed-save' }, t('survey.missed.submit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = missedChild(survey, readForm(form));
    const cohort = Object.fromEntries(Object.entries(missedErrors(survey, data)).map(([k, code]) => [k,
      [t(`survey.err.${code}`, { from: survey.cohort_from, to: survey.cohort_to })]]));
    const res = await addChild(ctx, survey, data, cohort);
    if (res.errors) showErrors(form, res.errors, fieldLabel);
  });
  return form;
}

export async function render(root, ctx) {
  const survey = await local.record(ctx.params.id);
  if (!survey || survey.kind !== 'survey') { mount(root, h('p', { class: 'error' }, t('survey.not_found'))); return; }
  const n = await names();
  const surveyed = await surveyedOf(survey.id);
  const proposed = cohortProposal(await local.children(), survey, surveyed);
  const p = progress(surveyed);
  mount(root,
    h('h1', { id: 'survey-head' }, t('survey.head', { unit: n.units[survey.unit_code]?.name || survey.unit_code,
      village: n.villages[survey.village_code]?.name || survey.village_code,
      drawn: t(`survey.drawn.${survey.village_drawn}`) })),
    h('p', { id: 'survey-cohort' }, t('survey.cohort', { from: survey.cohort_from, to: survey.cohort_to,
      plan: planTitle(n.plans[survey.template], getLang()) || survey.template, period: periodLabel(survey.period),
      on: survey.surveyed_on }), ' ', syncLabel(survey)),
    h('p', { id: 'survey-progress' }, t('survey.progress', p)),
    h('h2', {}, t('survey.children')),
    surveyed.length ? h('ul', { class: 'plain', id: 'survey-children' }, surveyed.map((c) => childRow(c, survey.id)))
      : h('p', { class: 'hint', id: 'survey-children' }, t('survey.children.empty')),
    h('h2', {}, t('survey.proposed')), h('p', { class: 'hint' }, t('survey.proposed.hint')),
    proposed.length ? h('ul', { class: 'plain', id: 'survey-proposed' }, proposed.map((c) => proposedRow(ctx, survey, c)))
      : h('p', { class: 'hint', id: 'survey-proposed' }, t('survey.proposed.empty')),
    missedForm(ctx, survey));
}
