// Children: search the unit's registry by name, birth date or certificate number; start an encounter or a report.
import { label, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { h, mount } from '../ui/dom.js';

function childRow(c, ctx) {
  return h('li', { class: 'card child' },
    h('div', { class: 'child-head' }, h('strong', {}, c.name || '?'),
      h('span', { class: 'muted' }, ` ${label('sex', c.sex)} · ${c.birth_date || ''}`),
      c._local ? h('span', { class: 'pill pill-warn' }, t(`local.${c._local}`)) : null),
    c.certificate_no ? h('p', { class: 'muted' }, `${t('field.certificate_no')}：${c.certificate_no}`) : null,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('encounter', { child: c.id }) },
        t('children.encounter')),
      h('button', { type: 'button', onclick: () => ctx.navigate('aefi', { child: c.id }) }, t('children.aefi')),
      h('button', { type: 'button', class: 'child-open', onclick: () => ctx.navigate('child', { child: c.id }) },
        t('children.open'))));
}

registerPage({
  id: 'children',
  title: 'children.title',
  nav: { order: 10 },
  roles: ['nurse'],
  async render(root, ctx) {
    const list = h('ul', { class: 'plain', id: 'child-list', 'aria-live': 'polite' });
    const search = h('input', { type: 'search', id: 'child-search', name: 'q', value: ctx.params.q || '',
      placeholder: t('children.search_hint'), 'aria-label': t('children.search') });
    const draw = async () => {
      const rows = await local.searchChildren(search.value);
      mount(list, rows.length ? rows.map((c) => childRow(c, ctx)) : h('li', { class: 'muted' }, t('children.none')));
    };
    search.addEventListener('input', draw);
    mount(root, h('h1', {}, t('children.title')),
      h('div', { class: 'field' }, search),
      h('button', { type: 'button', class: 'primary big', id: 'new-child',
        onclick: () => ctx.navigate('child-new') }, t('children.new')), list);
    await draw();
  },
});
