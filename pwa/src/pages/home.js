// Home: the sync state in full (always visible, with real counts), storage persistence, warnings, and the
// navigation tiles of every registered page.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import * as outbox from '../lib/outbox.js';
import { navPages, registerPage } from '../lib/registry.js';
import * as sync from '../lib/sync.js';
import { daysSince } from '../lib/time.js';
import * as triggers from '../lib/triggers.js';
import { h, mount } from '../ui/dom.js';
import { shortTime } from '../ui/status-bar.js';
import { coldChainReminder } from './cold-chain.js';

const OLD_DAYS = 3;
const CLOCK_WARN_S = 300;

async function persistence() {
  const storage = navigator.storage;
  if (!storage?.persist) return t('home.persist_unknown');
  const granted = (await storage.persisted()) || (await storage.persist());
  return granted ? t('home.persist_yes') : t('home.persist_no');
}

async function warnings(user) {
  const out = [];
  const oldest = await outbox.oldestUnsynced();
  if (oldest && daysSince(oldest) >= OLD_DAYS) out.push(t('home.oldest_warn', { days: daysSince(oldest) }));
  const offset = await local.meta('clock_offset_s');
  if (typeof offset === 'number' && Math.abs(offset) > CLOCK_WARN_S) {
    out.push(t('home.clock_warn', { minutes: Math.round(Math.abs(offset) / 60) }));
  }
  const cold = user?.role === 'nurse' ? await coldChainReminder(user) : null;
  if (cold) out.push(cold);
  return out.map((w) => h('p', { class: 'warn', role: 'alert' }, w));
}

async function syncCard(user) {
  const c = await local.counts();
  const s = await sync.getStatus();
  const row = (label, value, id) => h('div', { class: 'kv' }, h('dt', {}, label), h('dd', { id }, String(value)));
  return h('section', { class: 'card', 'aria-labelledby': 'sync-h' },
    h('h2', { id: 'sync-h' }, t('home.sync')),
    h('dl', { class: 'kvs' },
      row(t('home.pending'), c.outbox, 'home-pending'),
      row(t('home.fixing'), c.needs_fixing, 'home-fixing'),
      row(t('home.conflicts'), c.conflicts, 'home-conflicts'),
      row(t('home.last_sync'), shortTime(s.last_success_at), 'home-last'),
      row(t('home.last_result'), s.last_error ? t(`sync.stop.${s.last_error}`) : t('sync.ok'), 'home-result'),
      row(t('home.reference'), shortTime(await local.meta('reference_pulled_at')), 'home-ref'),
      row(t('home.storage'), await persistence(), 'home-persist')),
    ...(await warnings(user)),
    h('button', { type: 'button', class: 'primary big', id: 'home-sync', onclick: () => triggers.kick() },
      t('home.sync_now')));
}

function tiles(user) {
  return h('nav', { 'aria-label': t('home.menu') }, h('ul', { class: 'tiles' },
    navPages(user.role).map((p) => h('li', {}, h('a', { class: 'tile', href: `#/${p.id}` }, t(p.title))))));
}

registerPage({
  id: 'home',
  title: 'home.title',
  async render(root, ctx) {
    mount(root, h('h1', {}, t('home.hello', { name: ctx.user.username })), tiles(ctx.user), await syncCard(ctx.user));
    let shown = true; // a redraw still reading counts when the nurse moves on must not write into the next page
    const redraw = async () => {
      const card = await syncCard(ctx.user);
      if (shown) root.querySelector('section[aria-labelledby="sync-h"]')?.replaceWith(card);
    };
    const off = sync.onStatus(redraw);
    window.addEventListener('immuqc:changed', redraw);
    return () => { shown = false; off(); window.removeEventListener('immuqc:changed', redraw); };
  },
});
