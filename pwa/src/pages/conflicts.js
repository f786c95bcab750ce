// Conflicts: my version beside the server's, field by field; the user chooses which one stays.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import * as outbox from '../lib/outbox.js';
import { registerPage } from '../lib/registry.js';
import * as triggers from '../lib/triggers.js';
import { h, mount } from '../ui/dom.js';
import { fieldLabel } from '../ui/labels.js';
import { showValue } from '../ui/values.js';

function conflictCard(item, ctx, schedule) {
  const show = (k, v) => showValue(k, v, schedule);
  const theirs = item.current?.data || {};
  const keys = [...new Set([...Object.keys(item.data), ...Object.keys(theirs)])];
  const differs = keys.filter((k) => JSON.stringify(item.data[k]) !== JSON.stringify(theirs[k]));
  const choose = async (choice) => {
    await outbox.resolveConflict(item.id, choice);
    window.dispatchEvent(new Event('immuqc:changed'));
    triggers.kick();
    ctx.refresh();
  };
  return h('section', { class: 'card', 'data-id': item.id }, h('h2', {}, t(`kind.${item.kind}`)),
    h('div', { class: 'side' }, h('strong', {}, t('conflicts.mine')), h('strong', {}, t('conflicts.theirs', { rev: item.current?.rev ?? '?' })),
      differs.flatMap((k) => [h('div', {}, h('p', { class: 'muted' }, fieldLabel(k)), h('p', {}, show(k, item.data[k]))),
        h('div', {}, h('p', { class: 'muted' }, fieldLabel(k)), h('p', {}, show(k, theirs[k])))])),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', onclick: () => choose('mine') }, t('conflicts.keep_mine')),
      h('button', { type: 'button', onclick: () => choose('theirs') }, t('conflicts.keep_theirs'))));
}

registerPage({
  id: 'conflicts',
  title: 'conflicts.title',
  live: true,
  nav: { order: 70 },
  async render(root, ctx) {
    const [items, schedule] = await Promise.all([local.conflicts(), local.scheduleData()]);
    mount(root, h('h1', {}, t('conflicts.title')),
      items.length ? items.map((i) => conflictCard(i, ctx, schedule)) : h('p', { class: 'muted' }, t('conflicts.none')));
  },
});
