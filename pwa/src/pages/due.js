// 应种通知: the unit's children with doses due, offline from the phone's schedule engine: overdue, today and this
// week, by village; each child with the doses (vaccine names, never codes) and the guardian's phone to call.
// 打印应种通知单 prints the same list (the print style hides the app's bars).
import { dueList, vaccineName } from '../lib/due.js';
import { getLang, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import { h, mount } from '../ui/dom.js';

const SECTIONS = ['overdue', 'today', 'week'];

function doseLine(d, schedule) {
  const name = vaccineName(schedule, d.vaccine, getLang());
  return h('li', { class: d.bucket === 'overdue' ? 'warn-text' : '' },
    t('due.dose', { name, dose: d.dose, since: d.due_since }),
    d.bucket === 'overdue' ? h('span', { class: 'pill pill-warn' }, t('due.overdue_days', { days: d.days })) : null);
}

function childCard({ child, doses }, schedule, ctx) {
  const phone = child.guardian_phone;
  return h('li', { class: 'card due-child', 'data-child': child.id },
    h('div', { class: 'child-head' }, h('strong', {}, child.name || '?'),
      h('span', { class: 'muted' }, ` · ${child.birth_date || ''}`)),
    h('ul', { class: 'due-doses' }, doses.map((d) => doseLine(d, schedule))),
    h('p', {}, `${t('field.guardian_name')}：${child.guardian_name || '—'} `,
      phone ? h('a', { href: `tel:${phone}`, class: 'tel' }, `☎ ${phone}`) : h('span', { class: 'muted' }, t('due.no_phone'))),
    h('div', { class: 'row no-print' },
      h('button', { type: 'button', onclick: () => ctx.navigate('encounter', { child: child.id }) },
        t('children.encounter')),
      h('button', { type: 'button', onclick: () => ctx.navigate('child', { child: child.id }) }, t('due.open_child'))));
}

function section(id, villages, names, schedule, ctx) {
  const count = villages.reduce((n, v) => n + v.children.length, 0);
  return h('section', { id: `due-${id}`, class: 'due-section' },
    h('h2', {}, `${t(`due.${id}`)}（${count}）`),
    count ? villages.map((v) => h('div', { class: 'due-village' },
      h('h3', {}, names.get(v.village_code) || v.village_code || t('due.no_village')),
      h('ul', { class: 'plain' }, v.children.map((row) => childCard(row, schedule, ctx)))))
      : h('p', { class: 'muted' }, t('due.none')));
}

registerPage({
  id: 'due',
  title: 'due.title',
  nav: { order: 15 },
  roles: ['nurse'],
  async render(root, ctx) {
    const today = localDate();
    const [scheduleData, children, vaccinations, villages] = await Promise.all([local.scheduleData(),
      local.children(), local.recordsOfKind('vaccination'), local.reference('village')]);
    const mine = children.filter((c) => c.unit_code === ctx.user.scope);
    const list = dueList({ scheduleData, children: mine, vaccinations, today });
    const names = new Map(villages.map((v) => [v.code || v.id, v.name]));
    mount(root, h('h1', {}, t('due.title')),
      h('p', { class: 'muted' }, t('due.on', { day: today })),
      h('button', { type: 'button', class: 'no-print', id: 'due-print', onclick: () => window.print() }, t('due.print')),
      h('div', { class: 'print-only' }, h('h2', {}, t('due.sheet'))),
      ...SECTIONS.map((id) => section(id, list[id], names, scheduleData, ctx)));
  },
});
