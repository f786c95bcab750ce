// 冷链温度记录: a reading of one of the unit's appliances (twice a day by default); a reading outside the
// appliance's range requires the action taken. Home shows a reminder while a reading of today is due.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { dueSlots, outOfRange } from '../lib/stock.js';
import { registerPage } from '../lib/registry.js';
import { fromDatetimeLocal, isoLocal, localDate, toDatetimeLocal } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { field, readForm, selectField, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';

async function appliances(user) {
  return (await local.reference('equipment')).filter((e) => e.unit_code === user.scope);
}

async function readingsToday() {
  const today = localDate();
  return (await local.recordsOfKind('temperature_reading')).filter((r) => localDate(new Date(r.read_at)) === today);
}

/** Home's reminder: the appliances with a reading of today still due, or null. */
export async function coldChainReminder(user) {
  const today = await readingsToday();
  const hour = new Date().getHours();
  const due = (await appliances(user)).filter((e) => dueSlots(e, today, hour).length);
  return due.length ? t('cold.reminder', { names: due.map((e) => e.name || e.code).join('、') }) : null;
}

registerPage({
  id: 'cold-chain',
  title: 'cold.title',
  form: true,
  roles: ['nurse'],
  nav: { order: 41 },
  async render(root, ctx) {
    const list = await appliances(ctx.user);
    const byCode = new Map(list.map((e) => [e.code, e]));
    const form = h('form', { id: 'cold-form', novalidate: true },
      selectField({ name: 'equipment_code', label: t('cold.equipment'), required: true, value: list[0]?.code || '',
        options: list.map((e) => [e.code, `${e.name || e.code}（${e.range_min}–${e.range_max} ℃）`]) }),
      field({ name: 'read_at', label: t('cold.read_at'), type: 'datetime-local', value: toDatetimeLocal(isoLocal()), required: true }),
      field({ name: 'celsius', label: t('cold.celsius'), type: 'number', step: '0.1', inputmode: 'decimal', required: true }),
      field({ name: 'action', label: t('cold.action'), type: 'textarea', hint: t('cold.action_hint') }),
      h('button', { type: 'submit', class: 'primary big', id: 'save-reading' }, t('form.save')));
    mount(root, h('h1', {}, t('cold.title')), form);
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readForm(form);
      const data = { unit_code: ctx.user.scope, equipment_code: v.equipment_code, read_at: fromDatetimeLocal(v.read_at),
        celsius: v.celsius === '' ? null : Number(v.celsius) };
      if (v.action) data.action = v.action;
      const appliance = byCode.get(v.equipment_code);
      const extra = appliance && data.celsius !== null && outOfRange(appliance, data.celsius) && !data.action
        ? { action: ['required'] } : {};
      const res = await saveRecord('temperature_reading', data, ctx.user, { extraErrors: extra });
      if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
      toast(t('cold.saved'));
      ctx.navigate('home');
    });
  },
});
