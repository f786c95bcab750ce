// AEFI case report (疑似预防接种异常反应个案报告), loaded on demand by aefi.js: every field of the national case card
// (the field groups are in aefi-fields.js, the values ↔ record mapping in lib/aefi-form.js), up to three suspect
// vaccines picked from the child's recorded doses, date-order checks; also fixes a report the county returned.
import { MAX_SUSPECTS, dateErrors } from '../lib/aefi.js';
import { reportData, valuesOf } from '../lib/aefi-form.js';
import { AEFI_MESSAGES } from '../lib/aefi-messages.js';
import { vaccineName } from '../lib/due.js';
import { addMessages, getLang, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { observation, observationData, stopObservation } from '../lib/observe.js';
import { toDatetimeLocal } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { readForm, showErrors } from '../ui/fields.js';
import { autosave, dropDraft, restoreForm } from '../ui/form-draft.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';
import { caseFields, personFields, suspectFields } from './aefi-fields.js';

addMessages(AEFI_MESSAGES); // the form's strings join the phone's tables when this chunk loads

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
  const categoryOf = (code) => catalogue.get(code)?.category;
  const observed = ctx.params.obs ? await observation(ctx.params.obs) : null;
  return { task, existing, child, doses, names, categoryOf, observed };
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

/** The AEFI form on `root` (loaded on demand from aefi.js). */
export async function renderAefi(root, ctx) {
  const { task, existing, child, doses, names, categoryOf, observed } = await load(ctx);
  const form = h('form', { id: 'aefi-form', novalidate: true }, personFields(child), suspectFields(doses, names),
    caseFields(ctx.user), h('button', { type: 'submit', class: 'primary big', id: 'save-aefi' }, t('form.save')));
  mount(root, h('h1', {}, t('aefi.title')),
    task ? h('p', { class: 'warn', role: 'alert' }, t('aefi.returned', { reason: task.reason })) : null,
    await scoredFields(), form);
  if (existing) restoreForm(form, valuesOf(existing)); else await autosave(form, `aefi:${ctx.user.username}:${child?.id || 'new'}`);
  if (observed && !existing) restoreForm(form, observedValues(observed, ctx.params.onset));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const data = reportData(readForm(form), { user: ctx.user, child, doses, categoryOf });
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
}
