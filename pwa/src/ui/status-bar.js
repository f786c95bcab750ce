// The sync status, always visible: pending, needs-fixing, conflicts, last successful sync, and a progress bar
// with real counts while a sync runs. Tap it to sync now.
import { t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import * as sync from '../lib/sync.js';
import * as triggers from '../lib/triggers.js';
import { h, mount } from './dom.js';

/** A short local time for "last sync". */
export function shortTime(iso) {
  if (!iso) return t('status.never');
  const d = new Date(iso);
  const sameDay = d.toDateString() === new Date().toDateString();
  const hm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return sameDay ? hm : `${d.getMonth() + 1}-${d.getDate()} ${hm}`;
}

async function draw(box, status) {
  const c = await local.counts();
  const s = status || await sync.getStatus();
  const pulling = s.running && s.phase === 'pull' && s.expected;
  const [done, of] = pulling ? [s.received, s.expected] : [s.sent, s.total];
  const progress = s.running ? h('progress', { max: String(Math.max(1, of)), value: String(done),
    'aria-label': t(pulling ? 'status.receiving' : 'status.progress', { sent: done, total: of }) }) : null;
  mount(box,
    h('button', { type: 'button', class: 'status-line', id: 'sync-now', onclick: () => triggers.kick(),
      title: t('status.sync_now') },
    globalThis.navigator?.onLine === false ? h('span', { class: 'pill pill-bad', id: 'offline' }, t('status.offline')) : null,
    h('span', { class: c.outbox ? 'pill pill-warn' : 'pill', 'data-count': 'pending' }, t('status.pending', { n: c.outbox })),
    c.needs_fixing ? h('span', { class: 'pill pill-bad', 'data-count': 'fixing' }, t('status.fixing', { n: c.needs_fixing })) : null,
    c.conflicts ? h('span', { class: 'pill pill-bad', 'data-count': 'conflicts' }, t('status.conflicts', { n: c.conflicts })) : null,
    h('span', { class: 'last' }, s.running ? t(pulling ? 'status.receiving' : 'status.syncing', { sent: done, total: of })
      : t('status.last', { time: shortTime(s.last_success_at) }))),
    progress);
}

/** Start drawing the status bar and keep it current. */
export function startStatusBar(box) {
  const redraw = (status) => draw(box, status).catch(() => {});
  sync.onStatus(redraw);
  if (globalThis.BroadcastChannel) {
    // a sync run by the service worker (Background Sync): redraw, and let the page redraw its own counts
    new BroadcastChannel('immuqc-sync').onmessage = () => window.dispatchEvent(new Event('immuqc:changed'));
  }
  window.addEventListener('immuqc:changed', () => redraw());
  window.addEventListener('hashchange', () => redraw());
  window.addEventListener('online', () => redraw());
  window.addEventListener('offline', () => redraw());
  setInterval(() => redraw(), 5000);
  redraw();
}
