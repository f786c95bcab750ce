// The school checker's start: open a check batch for the term, or continue one.
import { label, t } from '../lib/i18n.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { choice, field, readForm, selectField, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';
import { batchesOf, schoolOf, studentsOf, syncLabel, termLabel } from './school-common.js';

function terms(today) {
  const year = Number(today.slice(0, 4));
  const current = today.slice(5) >= '07-01' ? `${year}-autumn` : `${year}-spring`;
  return [...new Set([current, `${year}-autumn`, `${year}-spring`, `${year + 1}-spring`])];
}

registerPage({
  id: 'school-batches',
  title: 'school.batches.title',
  roles: ['school'],
  nav: { order: 30 },
  form: true,
  async render(root, ctx) {
    const school = await schoolOf(ctx.user.scope);
    const today = localDate();
    const rows = [];
    for (const b of await batchesOf(school.code || ctx.user.scope)) {
      const n = (await studentsOf(b.id)).length;
      rows.push(h('li', {}, h('a', { class: 'tile school-batch-link', href: `#/school-batch?batch=${b.id}` },
        `${termLabel(b.term)} · ${b.started_on}`, h('br'), t('school.batches.count', { n }), ' ', syncLabel(b))));
    }
    const form = h('form', { class: 'card', id: 'batch-form', novalidate: true },
      h('h2', {}, t('school.batches.new')),
      selectField({ name: 'term', label: t('field.term'), options: terms(today).map((x) => [x, termLabel(x)]),
        value: terms(today)[0], required: true, noEmpty: true }),
      choice({ name: 'kind', label: t('field.kind'), required: true, value: school.kind || '',
        options: ['childcare', 'kindergarten', 'primary'].map((k) => [k, label('school_kind', k)]) }),
      field({ name: 'started_on', label: t('field.started_on'), type: 'date', value: today, required: true }),
      field({ name: 'checker', label: t('field.checker'), value: ctx.user.display_name || ctx.user.username,
        required: true }),
      h('button', { type: 'submit', class: 'primary big', id: 'batch-save' }, t('school.batches.open')));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = { school_code: ctx.user.scope, ...readForm(form) };
      const res = await saveRecord('school_check', data, ctx.user);
      if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
      toast(t('school.batches.opened'));
      ctx.navigate('school-batch', { batch: res.item.id });
    });
    mount(root, h('h1', {}, `${t('school.batches.title')} · ${school.name || school.code}`),
      rows.length ? h('ul', { class: 'tiles school-list' }, rows) : h('p', { class: 'muted' }, t('school.batches.none')),
      form);
  },
});
