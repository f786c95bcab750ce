// A child's page: the record (certificate number, status, residence), every dose with date, lot and unit and the
// engine's verdict (counted, or not counted and why), the doses still due, and the change of status (迁出 / 死亡 /
// 临时接种 with a date) and of resident_since, saved as a new revision of the child record.
import { doseVerdicts, STATUSES, statusChange } from '../lib/child-record.js';
import { vaccineName } from '../lib/due.js';
import { getLang, label, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { field, readForm, selectField, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';

function facts(child) {
  const row = (key, value) => h('div', { class: 'kv' }, h('dt', {}, t(`field.${key}`)), h('dd', { id: `child-${key}` },
    value || '—'));
  return h('dl', { class: 'kvs card' }, row('birth_date', `${child.birth_date} · ${label('sex', child.sex)}`),
    row('certificate_no', child.certificate_no), row('guardian_phone', child.guardian_phone),
    row('status', label('status', child.status || 'active') + (child.status_on ? ` · ${child.status_on}` : '')),
    row('resident_since', child.resident_since));
}

function doseTable(rows, schedule, units) {
  if (!rows.length) return h('p', { class: 'muted' }, t('childpage.no_doses'));
  const verdict = (r) => (r.counted === null ? t('childpage.not_judged')
    : r.counted ? t('childpage.counted') : t('childpage.not_counted', { reason: r.reason }));
  return h('table', { class: 'side-by-side', id: 'child-doses' },
    h('thead', {}, h('tr', {}, ['given_on', 'vaccine', 'lot_no', 'unit_code'].map((k) => h('th', {}, t(`field.${k}`))),
      h('th', {}, t('childpage.verdict')))),
    h('tbody', {}, rows.map((r) => h('tr', { class: r.counted === false ? 'differs' : '' },
      h('td', {}, r.given_on), h('td', {}, `${vaccineName(schedule, r.vaccine, getLang())} ${r.dose ?? ''}`),
      h('td', {}, r.lot_no || '—'), h('td', {}, units.get(r.unit_code) || r.unit_code || '—'),
      h('td', {}, verdict(r))))));
}

function statusForm(child, ctx) {
  const form = h('form', { class: 'card', id: 'status-form', novalidate: true },
    h('h2', {}, t('childpage.change')),
    selectField({ name: 'status', label: t('field.status'), noEmpty: true, value: child.status || 'active',
      options: STATUSES.map((s) => [s, label('status', s)]) }),
    field({ name: 'status_on', label: t('field.status_on'), type: 'date', value: child.status_on || '',
      max: localDate() }),
    field({ name: 'resident_since', label: t('field.resident_since'), type: 'date', value: child.resident_since || '',
      max: localDate() }),
    h('button', { type: 'submit', class: 'primary', id: 'save-status' }, t('form.save')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const { data, errors } = statusChange(child, readForm(form));
    const res = await saveRecord('child', data, ctx.user, { id: child.id, base_rev: child.rev ?? null,
      extraErrors: errors });
    if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
    toast(t('childpage.saved'));
    ctx.refresh();
  });
  return form;
}

registerPage({
  id: 'child',
  title: 'childpage.title',
  roles: ['nurse'],
  async render(root, ctx) {
    const child = ctx.params.child && await local.child(ctx.params.child);
    if (!child) { ctx.navigate('children'); return; }
    const [schedule, records, units] = await Promise.all([local.scheduleData(), local.recordsOfChild(child.id),
      local.reference('unit')]);
    const rows = doseVerdicts(schedule, child, records.filter((r) => r.kind === 'vaccination'), localDate());
    mount(root, h('h1', {}, child.name), facts(child),
      h('h2', {}, t('childpage.doses')), doseTable(rows, schedule, new Map(units.map((u) => [u.code || u.id, u.name]))),
      h('div', { class: 'row' },
        h('button', { type: 'button', class: 'primary', onclick: () => ctx.navigate('encounter', { child: child.id }) },
          t('children.encounter'))),
      statusForm(child, ctx));
  },
});
