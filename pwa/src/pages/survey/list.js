// The county's village surveys on this device, and the form that starts one: unit, plan, period and day; the app
// draws the village at random among the unit's villages (or the assessor records a chosen one) and saves the draw.
import { choice, field, fieldLabel, h, local, localDate, mount, readForm, saveRecord, selectField, showErrors,
  syncLabel, t, toast } from './deps.js';
import { defaultPeriod, drawVillage, startErrors, surveyData } from './model.js';

/** "2026-H1" → "2026年上半年". */
export function periodLabel(period) {
  const [year, half] = String(period || '').split('-');
  return half ? t('survey.period', { year, half: t(`survey.half.${half}`) }) : String(period || '');
}

/** The names the survey pages show: units, villages and plans by code (pulled reference data). */
export async function names() {
  const byCode = (rows) => Object.fromEntries(rows.map((r) => [r.code || r.id, r]));
  return { units: byCode(await local.reference('unit')), villages: byCode(await local.reference('village')),
    plans: byCode(await local.reference('survey_template')) };
}

export const planTitle = (plan, lang) => (plan ? (lang === 'en' ? plan.title_en : plan.title) : '');

function periods(today) {
  const year = Number(today.slice(0, 4));
  return [year, year - 1].flatMap((y) => ['H1', 'H2'].map((half) => `${y}-${half}`));
}

function surveyRow(s, n) {
  const line = t('survey.line', { unit: n.units[s.unit_code]?.name || s.unit_code,
    village: n.villages[s.village_code]?.name || s.village_code, period: periodLabel(s.period) });
  return h('li', { class: 'card', 'data-survey': s.id }, h('a', { href: `#/survey?id=${s.id}` }, h('strong', {}, line)),
    ` · ${s.surveyed_on} · ${t(`survey.drawn.${s.village_drawn}`)} `, syncLabel(s));
}

function startForm(ctx, n, today) {
  const units = Object.values(n.units).filter((u) => u.active !== false);
  const plans = Object.values(n.plans);
  const villageOptions = (unit) => Object.values(n.villages).filter((v) => v.unit_code === unit)
    .map((v) => [v.code, v.name]);
  const villageBox = h('div', {});
  const showVillages = (unit) => mount(villageBox, selectField({ name: 'village_code',
    label: t('survey.field.village_chosen'), options: villageOptions(unit) }));
  const form = h('form', { class: 'card', id: 'survey-start-form', novalidate: true },
    h('h2', {}, t('survey.start.title')), h('p', { class: 'hint' }, t('survey.start.hint')),
    selectField({ name: 'unit_code', label: t('field.unit_code'), required: true,
      options: units.map((u) => [u.code || u.id, u.name]) }),
    selectField({ name: 'template', label: t('survey.field.template'), required: true, noEmpty: plans.length === 1,
      value: plans[0]?.id || '', options: plans.map((p) => [p.id, planTitle(p, document.documentElement.lang)]) }),
    selectField({ name: 'period', label: t('field.period'), required: true, noEmpty: true, value: defaultPeriod(today),
      options: periods(today).map((p) => [p, periodLabel(p)]) }),
    field({ name: 'surveyed_on', label: t('survey.field.surveyed_on'), type: 'date', value: today, required: true }),
    choice({ name: 'village_drawn', label: t('survey.field.village_drawn'), value: 'random', required: true,
      options: ['random', 'chosen'].map((c) => [c, t(`survey.drawn.${c}`)]) }),
    villageBox,
    field({ name: 'note', label: t('field.note'), type: 'textarea' }),
    h('button', { type: 'submit', class: 'primary big', id: 'survey-start' }, t('survey.start.submit')));
  form.elements.unit_code.addEventListener('change', (e) => showVillages(e.target.value));
  showVillages('');
  form.addEventListener('submit', (e) => { e.preventDefault(); start(form, ctx, n); });
  return form;
}

async function start(form, ctx, n) {
  const v = readForm(form);
  const values = { unitCode: v.unit_code, template: n.plans[v.template], period: v.period, surveyedOn: v.surveyed_on,
    drawn: v.village_drawn, villageCode: v.village_code, note: v.note, assessor: ctx.user.username };
  const errors = Object.fromEntries(Object.entries(startErrors(values)).map(([k, code]) => [k, [code]]));
  if (!Object.keys(n.plans).length) errors.template = [t('survey.err.no_plan')];
  if (!errors.unit_code && values.drawn !== 'chosen') {
    const village = drawVillage(Object.values(n.villages), values.unitCode);
    if (village) values.villageCode = village.code; else errors.unit_code = [t('survey.err.no_villages')];
  }
  if (showErrors(form, errors, fieldLabel)) return;
  const res = await saveRecord('survey', surveyData(values), ctx.user);
  if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
  toast(values.drawn === 'chosen' ? t('survey.start.chosen')
    : t('survey.start.drawn', { village: n.villages[values.villageCode]?.name || values.villageCode }));
  ctx.navigate('survey', { id: res.item.id });
}

export async function render(root, ctx) {
  const n = await names();
  const today = localDate();
  const surveys = (await local.recordsOfKind('survey'))
    .sort((a, b) => (a.surveyed_on === b.surveyed_on ? 0 : a.surveyed_on < b.surveyed_on ? 1 : -1));
  mount(root, h('h1', {}, t('survey.list.title')),
    n.plans && !Object.keys(n.plans).length ? h('p', { class: 'warn' }, t('survey.err.no_plan')) : null,
    startForm(ctx, n, today),
    h('h2', {}, t('survey.list.done')),
    surveys.length ? h('ul', { class: 'plain', id: 'surveys' }, surveys.map((s) => surveyRow(s, n)))
      : h('p', { class: 'hint', id: 'surveys' }, t('survey.list.empty')));
}
