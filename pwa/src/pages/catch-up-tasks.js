// The vaccination unit's catch-up tasks: students referred by schools (pulled), until their catch-up is complete.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import * as sync from '../lib/sync.js';
import { h, mount } from '../ui/dom.js';
import { syncLabel, vaccineNames } from './school-common.js';
import { referralFacts } from './referral-facts.js';
import { missingLines } from './school-model.js';

const OPEN = new Set(['pending', 'partial']);

registerPage({
  id: 'catch-up-tasks',
  title: 'catchup.tasks.title',
  roles: ['nurse'],
  nav: { order: 40 },
  async render(root, ctx) {
    const names = await vaccineNames();
    const tasks = (await local.tasks()).filter((x) => x.type === 'catch_up');
    const cards = [];
    for (const task of tasks) {
      const s = (await local.record(task.record_id)) || task;
      cards.push(h('li', { class: 'card task', 'data-student': task.record_id },
        h('h2', {}, `${s.name} · ${s.birth_date}`),
        h('p', {}, t('catchup.need'), ' ', missingLines(s.evaluation, names, t).join('、')),
        (s.catch_up || []).length ? h('p', { class: 'hint' }, t('catchup.given'), ' ',
          s.catch_up.map((c) => `${names[c.vaccine] || c.vaccine} ${c.date}`).join('、')) : null,
        h('p', {}, t(`school.status.${s.catch_up_status || 'pending'}`), ' ', syncLabel(s)), await referralFacts(task),
        OPEN.has(s.catch_up_status || 'pending')
          ? h('a', { class: 'button primary', href: `#/catch-up?student=${task.record_id}` }, t('catchup.record')) : null));
    }
    mount(root, h('h1', {}, t('catchup.tasks.title')),
      cards.length ? h('ul', { class: 'plain', id: 'catch-up-tasks' }, cards)
        : h('p', { class: 'muted', id: 'catch-up-none' }, t('catchup.none')));
    return sync.onStatus((status) => { if (!status.running) ctx.refresh(); });  // a pull may close tasks
  },
});
