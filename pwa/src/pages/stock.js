// 疫苗出入库: receive (from the county), issue, return, waste (with why) and the monthly count of one lot; the
// lots the unit holds are listed with their balance from the movements and doses on this phone.
import { addMessages, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { MOVEMENT_KINDS, lotsHeld } from '../lib/stock.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { field, readForm, selectField, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord } from '../ui/save.js';

/** The stock_movement data from the form values (records.md). */
export function movementData(v, user) {
  const data = { unit_code: user.scope, vaccine: v.vaccine, lot_no: (v.lot_no || '').trim(),
    manufacturer: (v.manufacturer || '').trim(), expiry_date: v.expiry_date, kind: v.kind,
    doses: Number(v.doses), on_date: v.on_date || localDate(), by: user.username };
  if (v.note) data.note = v.note.trim();
  if (v.trace_code) data.trace_code = v.trace_code.trim();
  return data;
}

async function heldList(catalogue) {
  const moves = await local.recordsOfKind('stock_movement');
  const doses = await local.recordsOfKind('vaccination');
  const rows = [...catalogue.keys()].flatMap((code) => lotsHeld(moves, doses, code).map((l) => ({ ...l, code })));
  return h('ul', { class: 'list', id: 'stock-held' }, rows.map((l) => h('li', { class: 'card', 'data-lot': l.lot_no },
    `${catalogue.get(l.code)?.zh || l.code} · ${t('field.lot_no')} ${l.lot_no} · ${t('field.expiry_date')} ${l.expiry_date} · `,
    h('strong', {}, t('stock.balance', { n: l.balance })))));
}

/** Scan a pack's 追溯码 or GS1 code into the form (the scanner is a chunk loaded on the first tap). */
function scanPack(form, ctx) {
  const movements = async () => (await local.recordsOfKind('stock_movement')).filter((m) => m.unit_code === ctx.user.scope);
  import('../ui/scan-into.js').then((m) => m.scanInto(form, { t, addMessages, h, toast, movements }))
    .catch(() => toast(t('scan.failed'), 'error'));
}

registerPage({
  id: 'stock',
  title: 'stock.title',
  form: true,
  roles: ['nurse'],
  nav: { order: 40 },
  async render(root, ctx) {
    const catalogue = await local.vaccineCatalogue();
    const form = h('form', { id: 'stock-form', novalidate: true },
      selectField({ name: 'kind', label: t('field.kind'), value: ctx.params.kind || 'receive', noEmpty: true,
        options: MOVEMENT_KINDS.map((k) => [k, t(`stock.kind.${k}`)]) }),
      selectField({ name: 'vaccine', label: t('field.vaccine'), required: true,
        options: [...catalogue.values()].map((v) => [v.code, v.zh || v.code]) }),
      h('button', { type: 'button', class: 'big', id: 'scan-stock', onclick: () => scanPack(form, ctx) }, t('scan.button')),
      field({ name: 'lot_no', label: t('field.lot_no'), required: true, autocomplete: 'off' }),
      field({ name: 'manufacturer', label: t('field.manufacturer'), required: true }),
      field({ name: 'expiry_date', label: t('field.expiry_date'), type: 'date', required: true }),
      field({ name: 'doses', label: t('stock.doses'), type: 'number', inputmode: 'numeric', min: '1', required: true }),
      field({ name: 'on_date', label: t('stock.on_date'), type: 'date', value: localDate(), required: true }),
      field({ name: 'trace_code', label: t('stock.trace_code') }),
      field({ name: 'note', label: t('stock.note'), hint: t('stock.note_hint') }),
      h('button', { type: 'submit', class: 'primary big', id: 'save-stock' }, t('form.save')));
    mount(root, h('h1', {}, t('stock.title')), form, h('h2', {}, t('stock.held')), await heldList(catalogue));
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const data = movementData(readForm(form), ctx.user);
      const extra = data.kind === 'waste' && !data.note ? { note: ['required'] } : {};
      const res = await saveRecord('stock_movement', data, ctx.user, { extraErrors: extra });
      if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
      toast(t('stock.saved'));
      ctx.refresh();
    });
  },
});
