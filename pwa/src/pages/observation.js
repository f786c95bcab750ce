// 留观 page: every child under observation on this phone with the time left (computed from the stored start,
// so several run at once and survive a reload); the nurse records how each ended. "Reaction" opens the AEFI
// report prefilled with the child, the doses and the onset time; the observation is saved with the report.
import { t } from '../lib/i18n.js';
import { observationData, remainingMs, runningObservations, stopObservation } from '../lib/observe.js';
import { registerPage } from '../lib/registry.js';
import { isoLocal } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { saveRecord } from '../ui/save.js';

function clock(ms) {
  const s = Math.ceil(ms / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

async function finish(row, outcome, ctx) {
  const res = await saveRecord('observation', observationData(row, outcome), ctx.user);
  if (res.errors) { toast(t('obs.not_saved'), 'error'); return; }
  await stopObservation(row.id);
  toast(t(`obs.saved.${outcome}`));
  ctx.refresh();
}

function card(row, ctx) {
  const left = remainingMs(row);
  const button = (outcome, cls = '') => h('button', { type: 'button', class: cls, 'data-outcome': outcome,
    onclick: () => (outcome === 'reaction'
      ? ctx.navigate('aefi', { child: row.child_id, obs: row.id, onset: isoLocal() })
      : finish(row, outcome, ctx)) }, t(`obs.outcome.${outcome}`));
  return h('li', { class: 'card obs', 'data-id': row.id, 'data-child': row.child_id },
    h('strong', {}, row.child_name), ' ',
    h('span', { class: left ? 'obs-left' : 'obs-done', 'data-started': row.started_ms },
      left ? t('obs.left', { time: clock(left) }) : t('obs.over')),
    h('div', { class: 'row' }, left ? null : button('no_reaction', 'primary'), button('reaction'),
      left ? button('left_early') : null));
}

registerPage({
  id: 'observation',
  title: 'obs.title',
  roles: ['nurse'],
  nav: { order: 12 },
  async render(root, ctx) {
    const rows = await runningObservations();
    mount(root, h('h1', {}, t('obs.title')), h('p', { class: 'muted' }, t('obs.intro')),
      rows.length ? h('ul', { class: 'list', id: 'obs-list' }, rows.map((r) => card(r, ctx)))
        : h('p', { id: 'obs-none' }, t('obs.none')));
    const tick = setInterval(() => {
      for (const row of rows) {
        const el = root.querySelector(`li[data-id="${row.id}"] .obs-left`);
        if (el && remainingMs(row) === 0) { ctx.refresh(); return; }
        if (el) el.textContent = t('obs.left', { time: clock(remainingMs(row)) });
      }
    }, 1000);
    return () => clearInterval(tick);
  },
});
