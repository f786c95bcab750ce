// Needs fixing: records the server rejected, with its reason per field (in the user's language); edit the
// named fields and resend (same record id, so the server can never store it twice).
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import * as outbox from '../lib/outbox.js';
import { getPath, setPath } from '../lib/paths.js';
import { registerPage } from '../lib/registry.js';
import * as triggers from '../lib/triggers.js';
import { h, mount, toast } from '../ui/dom.js';
import { field, readForm } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';

const show = (v) => (v === undefined || v === null ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v));

function itemForm(item, ctx) {
  const paths = Object.keys(item.errors || {}).filter((p) => p !== '_request');
  const form = h('form', { class: 'card fix-item', 'data-id': item.id, novalidate: true },
    h('h2', {}, `${t(`kind.${item.kind}`)} · ${item.captured_by}`),
    h('ul', { class: 'fix-errors' }, Object.entries(item.errors || {}).map(([p, msgs]) =>
      h('li', { class: 'error' }, `${fieldLabel(p)}：${[].concat(msgs).join('；')}`))),
    paths.map((p) => field({ name: p, label: fieldLabel(p), value: show(getPath(item.data, p)) })),
    h('button', { type: 'submit', class: 'primary big' }, t('fixing.resend')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    let data = item.data;
    for (const [p, v] of Object.entries(readForm(form))) data = setPath(data, p, v);
    await outbox.resend(item.id, data);
    window.dispatchEvent(new Event('immuqc:changed'));
    toast(t('fixing.resent'));
    triggers.kick();
    ctx.refresh();
  });
  return form;
}

registerPage({
  id: 'fixing',
  title: 'fixing.title',
  nav: { order: 60 },
  async render(root, ctx) {
    const items = await local.needsFixing();
    mount(root, h('h1', {}, t('fixing.title')), h('div', { id: 'fixing-list' },
      items.length ? items.map((i) => itemForm(i, ctx)) : h('p', { class: 'muted' }, t('fixing.none'))));
  },
});
