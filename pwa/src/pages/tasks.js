// Tasks pulled from the server: AEFI reports the county returned (fix and resend as a new revision) and
// students referred to this unit for catch-up (record the dose; the referral closes when it is given). Each names
// who it is about: the child of a returned report; for a catch-up the student's school and class, the parent's phone
// and the deadline with its rule (referral-facts.js).
import { vaccineName } from '../lib/due.js';
import { getLang, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { h, mount } from '../ui/dom.js';
import { referralFacts } from './referral-facts.js';

/** Who a returned report is about: the person named on it, else its registry child. */
async function reportPerson(task) {
  const report = await local.record(task.record_id);
  const child = report?.child_id ? await local.child(report.child_id) : null;
  return { name: report?.name || child?.name || '', onset: String(report?.onset_at || '').slice(0, 10) };
}

async function taskCard(task, ctx, schedule) {
  if (task.type === 'aefi_returned') {
    const who = await reportPerson(task);
    return h('li', { class: 'card' }, h('strong', {}, t('tasks.aefi_returned_of', { name: who.name || '?' })),
      who.onset ? h('p', { class: 'muted' }, t('tasks.onset', { day: who.onset })) : null,
      h('p', {}, task.reason || ''),
      h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('aefi', { task: task.id }) }, t('tasks.fix')));
  }
  if (task.type === 'catch_up') {
    const missing = (task.evaluation?.missing || [])
      .map((m) => t('enc.vaccine_dose', { vaccine: vaccineName(schedule, m.vaccine, getLang()), dose: m.dose })).join('、');
    return h('li', { class: 'card task-catch-up' }, h('strong', {}, t('tasks.catch_up', { name: task.name || '' })),
      h('p', {}, t('tasks.born', { day: task.birth_date || '' })), h('p', {}, missing), await referralFacts(task),
      h('a', { class: 'button primary', href: `#/catch-up?student=${task.record_id}` }, t('tasks.record_catch_up')));
  }
  return h('li', { class: 'card' }, h('strong', {}, task.title || task.type), h('p', {}, task.text || ''));
}

registerPage({
  id: 'tasks',
  title: 'tasks.title',
  roles: ['nurse'],
  live: true,
  nav: { order: 50 },
  async render(root, ctx) {
    const [rows, schedule] = await Promise.all([local.tasks(), local.scheduleData()]);
    const cards = await Promise.all(rows.map((r) => taskCard(r, ctx, schedule)));
    mount(root, h('h1', {}, t('tasks.title')), h('ul', { class: 'plain', id: 'task-list' },
      cards.length ? cards : h('li', { class: 'muted' }, t('tasks.none'))));
  },
});
