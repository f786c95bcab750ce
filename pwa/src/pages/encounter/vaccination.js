// Step 3: vaccination — lot, manufacturer, expiry, route, site and strategy per agreed vaccine; the last lot
// used for each vaccine is remembered on this phone and offered next time; a scanned pack (only one of this dose's
// vaccine) fills the lot and picks it among the held lots.
import { ROUTES, SITES, STRATEGIES } from '../../lib/encounter.js';
import { addMessages, t } from '../../lib/i18n.js';
import * as local from '../../lib/local.js';
import { startObservation } from '../../lib/observe.js';
import { expiredOn, lotsHeld } from '../../lib/stock.js';
import { localDate } from '../../lib/time.js';
import { h, toast } from '../../ui/dom.js';
import { field, readForm, selectField, showErrors } from '../../ui/fields.js';
import { autosave } from '../../ui/form-draft.js';
import { fieldLabel } from '../../ui/labels.js';
import { saveRecord } from '../../ui/save.js';
import { vaccineName } from './precheck.js';

const LOT_FIELDS = ['lot_no', 'manufacturer', 'expiry_date', 'route', 'site'];

/** The unit's lots of a vaccine as a picker that fills lot, manufacturer and expiry (only lots it holds). */
function lotPicker(i, lots, form) {
  if (!lots.length) return null;
  const pick = (e) => {
    const lot = lots.find((l) => l.lot_no === e.target.value);
    if (!lot) return;
    for (const k of ['lot_no', 'manufacturer', 'expiry_date']) form().querySelector(`[name='v${i}.${k}']`).value = lot[k] || '';
  };
  const box = selectField({ name: `v${i}.held`, label: t('stock.pick_lot'),
    options: lots.map((l) => [l.lot_no, `${l.lot_no} · ${l.expiry_date} · ${t('stock.balance', { n: l.balance })}`]) });
  box.querySelector('select').addEventListener('change', pick);
  return box;
}

/** Scan the pack into this dose's fields (only a pack of this vaccine), then pick its lot when the unit holds it. */
function scanDose(i, p, catalogue, lots, moves, form) {
  const movements = async () => moves;
  const name = (code) => vaccineName(catalogue, code);
  import('../../ui/scan-into.js').then((m) => m.scanInto(form(), { t, addMessages, h, toast, movements, vaccine: p.vaccine, name }, `v${i}.`))
    .then((got) => {
      const held = form().querySelector(`[name='v${i}.held']`);
      if (got?.lot_no && held && lots.some((l) => l.lot_no === got.lot_no)) held.value = got.lot_no;
    }).catch(() => toast(t('scan.failed'), 'error'));
}

function vaccineBlock(i, p, last, catalogue, { lots, moves }, form) {
  const n = (k) => `v${i}.${k}`;
  const route = last.route || catalogue.get(p.vaccine)?.route || '';
  const held = lots.length ? (lots.find((l) => l.lot_no === last.lot_no) || {}) : last;
  return h('fieldset', { class: 'card' }, h('legend', {}, t('enc.vaccine_dose', { vaccine: vaccineName(catalogue, p.vaccine), dose: p.dose })),
    lotPicker(i, lots, form),
    h('button', { type: 'button', id: `scan-v${i}`, onclick: () => scanDose(i, p, catalogue, lots, moves, form) }, t('scan.button')),
    field({ name: n('lot_no'), label: t('field.lot_no'), value: held.lot_no || '', required: true, autocomplete: 'off' }),
    field({ name: n('manufacturer'), label: t('field.manufacturer'), value: held.manufacturer || '', required: true }),
    field({ name: n('expiry_date'), label: t('field.expiry_date'), type: 'date', value: held.expiry_date || '' }),
    selectField({ name: n('route'), label: t('field.route'), value: route, options: ROUTES.map((r) => [r, t(`route.${r}`)]) }),
    selectField({ name: n('site'), label: t('field.site'), value: last.site || '', options: SITES.map((s) => [s, t(`site.${s}`)]) }),
    selectField({ name: n('strategy'), label: t('field.strategy'), value: 'routine', noEmpty: true,
      options: STRATEGIES.map((s) => [s, t(`strategy.${s}`)]) }));
}

/** The vaccination record of one agreed vaccine from the form values. */
export function vaccinationData(i, p, v, { ctx, child, state }) {
  const get = (k) => v[`v${i}.${k}`] || '';
  const data = { unit_code: ctx.user.scope, child_id: child.id, vaccine: p.vaccine, dose: p.dose, given_on: localDate(),
    lot_no: get('lot_no'), manufacturer: get('manufacturer'), strategy: get('strategy') || 'routine',
    nurse: ctx.user.username, precheck_id: state.precheck_id };
  for (const k of ['expiry_date', 'route', 'site']) if (get(k)) data[k] = get(k);
  const consent = state.consent_of?.[p.vaccine];
  if (consent) data.consent_id = consent;
  return data;
}

export async function vaccinationStep(root, env) {
  const catalogue = await local.vaccineCatalogue();
  const agreed = env.state.agreed || [];
  const lasts = await Promise.all(agreed.map((p) => local.getSetting(`lot:${p.vaccine}`, {})));
  const moves = await local.recordsOfKind('stock_movement');
  const given = await local.recordsOfKind('vaccination');
  const unitMoves = moves.filter((m) => m.unit_code === env.ctx.user.scope);
  let form = null;
  form = h('form', { id: 'vaccination-form', novalidate: true },
    agreed.map((p, i) => vaccineBlock(i, p, lasts[i] || {}, catalogue,
      { lots: lotsHeld(unitMoves, given, p.vaccine), moves: unitMoves }, () => form)),
    h('button', { type: 'submit', class: 'primary big', id: 'save-vaccination' }, t('enc.save_vaccination')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submit(form, agreed, env); });
  root.append(form);
  await autosave(form, env.draftId('vaccination'));
}

async function submit(form, agreed, env) {
  const v = readForm(form);
  const expired = agreed.map((p, i) => v[`v${i}.lot_no`]).filter((lot, i) => expiredOn(v[`v${i}.expiry_date`], localDate()));
  if (expired.length && form.dataset.expiredOk !== expired.join()) {
    form.dataset.expiredOk = expired.join(); // a second tap saves: a dose given is a fact, flagged on the server
    showErrors(form, { expired_lot: ['expired_lot'] }, () => t('field.expiry_date'), { kind: 'warning', summaryKey: 'stock.expired_warn' });
    return;
  }
  const ids = [];
  const done = new Set(env.state.vaccinated || []);
  for (const [i, p] of agreed.entries()) {
    if (done.has(p.vaccine)) continue;
    const data = vaccinationData(i, p, v, env);
    const res = await saveRecord('vaccination', data, env.ctx.user);
    if (res.errors) {
      const keyed = Object.fromEntries(Object.entries(res.errors).map(([k, m]) => [`v${i}.${k}`, m]));
      showErrors(form, keyed, (path) => fieldLabel(path.split('.').slice(1).join('.')));
      if (ids.length) {
        await env.persist({ vaccinated: [...done], saved: [...env.state.saved, ...ids],
          vaccination_ids: [...(env.state.vaccination_ids || []), ...ids] });
      }
      return;
    }
    done.add(p.vaccine);
    ids.push(res.item.id);
    await local.setSetting(`lot:${p.vaccine}`, Object.fromEntries(LOT_FIELDS.map((k) => [k, data[k] || ''])));
  }
  const vaccinationIds = [...(env.state.vaccination_ids || []), ...ids];
  if (vaccinationIds.length) await startObservation({ child: env.child, vaccinationIds, user: env.ctx.user });
  await env.go({ step: 'done', vaccinated: [...done], saved: [...env.state.saved, ...ids], vaccination_ids: vaccinationIds });
}
