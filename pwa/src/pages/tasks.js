// Tasks pulled from the server: AEFI reports the county returned (fix and resend as a new revision) and
// students referred to this unit for catch-up (record the dose; the referral closes when it is given). Each names
// who it is about: the child of a returned report; the student's school, class and parent's phone for a catch-up.
import { vaccineName } from '../lib/due.js';
import { getLang, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { h, mount } from '../ui/dom.js';

const phoneLink = (phone) => (phone ? h('a', { href: `tel:${phone}`, class: 'tel' }, `☎ ${phone}`) : null);

/** Who a returned report is about: the person named on it, else its registry child. */
async function reportPerson(task) {
  const report = await local.record(task.record_id);
  const child = report?.child_id ? await local.child(report.child_id) : null;
  return { name: report?.name || child?.name || '', onset: String(report?.onset_at || '').slice(0, 10) };
}

async function schoolOf(task) {
  const batch = task.school_check_id ? await local.record(task.school_check_id) : null;
  const schools = await local.reference('school');
  const code = batch?.school_code;
  return schools.find((s) => (s.code || s.id) === code)?.name || code || '';
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
    return h('li', { class: 'card' }, h('strong', {}, t('tasks.catch_up', { name: task.name || '' })),
      h('p', {}, [await schoolOf(task), task.class_name, t('tasks.born', { day: task.birth_date || '' })]
        .filter(Boolean).join(' · ')),
      h('p', {}, missing), h('p', {}, t('tasks.parent'), phoneLink(task.guardian_phone) || '—'),
      task.notified_on ? h('p', { class: 'muted' }, t('tasks.notified', { day: task.notified_on })) : null,
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
