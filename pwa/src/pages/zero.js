// AEFI zero report for the current period of the county's cadence (pulled reference data), refused when the unit
// has a case in that period (or already attested it), confirmed before it is saved; a calendar of the recent periods
// and their states, where a past period left unreported can be attested late (the county sees it as late).
import { periodOf, periodState, recentPeriods, zeroRefusal } from '../lib/aefi.js';
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { isoLocal, localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { message } from '../ui/fields.js';
import { saveRecord } from '../ui/save.js';

async function unitData(unit) {
  const reports = (await local.recordsOfKind('aefi_report')).filter((r) => r.unit_code === unit);
  const zeros = (await local.recordsOfKind('aefi_zero_report')).filter((z) => z.unit_code === unit);
  const [settings] = await local.reference('county_settings'); // pulled; monthly until the first sync
  return { reports, zeros, cadence: settings?.zero_report_cadence || 'monthly' };
}

function calendar(unit, current, { reports, zeros, cadence }, ask) {
  return h('ul', { class: 'cal', id: 'zero-calendar' }, recentPeriods(localDate(), 12, cadence).map((p) => {
    const cases = reports.filter((r) => r.onset_at && periodOf(r.onset_at, cadence) === p).length;
    const zero = zeros.find((z) => z.period === p);
    const state = periodState(p, current, { cases, zero });
    return h('li', { class: `st-${state}`, 'data-period': p }, h('strong', {}, p), h('br'), t(`zero.state.${state}`),
      cases ? ` (${cases})` : '', state === 'silent'
        ? h('button', { type: 'button', class: 'zero-late', onclick: () => ask(p, true) }, t('zero.late')) : null);
  }));
}

/** The question asked before a zero report is saved: this period (or a past one, late) had no case. */
function confirmPanel(box, period, late, save) {
  mount(box, h('div', { class: 'card warn', role: 'alertdialog', id: 'zero-confirm-panel' },
    h('p', {}, t(late ? 'zero.confirm_late' : 'zero.confirm', { period })),
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'zero-confirm', onclick: () => save(period) }, t('zero.yes')),
      h('button', { type: 'button', id: 'zero-cancel', onclick: () => mount(box) }, t('zero.no')))));
}

registerPage({
  id: 'zero',
  title: 'zero.title',
  roles: ['nurse'],
  nav: { order: 40 },
  async render(root, ctx) {
    const unit = ctx.user.scope;
    const data = await unitData(unit);
    const period = periodOf(localDate(), data.cadence);
    const refusal = zeroRefusal(period, unit, data.reports, data.zeros, data.cadence);
    const box = h('div', { id: 'zero-confirm-box' });
    const save = async (p) => {
      mount(box);
      button.disabled = true;
      const res = await saveRecord('aefi_zero_report', { unit_code: unit, period: p, attested_by: ctx.user.username,
        attested_at: isoLocal() }, ctx.user);
      if (res.errors) { toast(Object.values(res.errors).flat().join('；'), 'error'); button.disabled = false; return; }
      toast(t('zero.saved', { period: p }));
      ctx.refresh();
    };
    const ask = (p, late) => confirmPanel(box, p, late, save);
    const button = h('button', { type: 'button', class: 'primary big', id: 'zero-submit', disabled: Boolean(refusal),
      onclick: () => ask(period, false) }, t('zero.submit', { period }));
    mount(root, h('h1', {}, t('zero.title')),
      h('section', { class: 'card' }, h('p', {}, t('zero.explain', { period })),
        refusal ? h('p', { class: 'warn', role: 'alert', id: 'zero-refused' }, message(refusal, '')) : null, button),
      box, h('section', { class: 'card' }, h('h2', {}, t(`zero.calendar.${data.cadence}`)),
        calendar(unit, period, data, ask)));
  },
});
