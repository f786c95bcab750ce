// Tasks pulled from the server: AEFI reports the county returned (fix and resend as a new revision) and
// students referred to this unit for catch-up (record the dose; the referral closes when it is given).
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { h, mount } from '../ui/dom.js';

function taskCard(task, ctx) {
  if (task.type === 'aefi_returned') {
    return h('li', { class: 'card' }, h('strong', {}, t('tasks.aefi_returned')), h('p', {}, task.reason || ''),
      h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('aefi', { task: task.id }) }, t('tasks.fix')));
  }
  if (task.type === 'catch_up') {
    const missing = (task.evaluation?.missing || []).map((m) => `${m.vaccine} ${m.dose}`).join('、');
    return h('li', { class: 'card' }, h('strong', {}, t('tasks.catch_up', { name: task.name || '' })),
      h('p', {}, `${task.birth_date || ''} ${missing}`),
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
    const rows = await local.tasks();
    mount(root, h('h1', {}, t('tasks.title')), h('ul', { class: 'plain', id: 'task-list' },
      rows.length ? rows.map((r) => taskCard(r, ctx)) : h('li', { class: 'muted' }, t('tasks.none'))));
  },
});
