// The app shell: router over the page registry, header, sync status, banners, service worker and triggers.
import './pages/index.js';
import { getLang, loadLang, setLang, t } from './lib/i18n.js';
import { getPage } from './lib/registry.js';
import * as sync from './lib/sync.js';
import * as triggers from './lib/triggers.js';
import * as users from './lib/users.js';
import { dropStaleToast, mount } from './ui/dom.js';
import { renderBanners } from './ui/banners.js';
import { startStatusBar } from './ui/status-bar.js';
import { watchForUpdates } from './ui/update.js';

let cleanup = null;
let currentPage = null;

/** Parse #/id?a=b into {id, params}. */
export function parseHash(hash = location.hash) {
  const [path, query = ''] = hash.replace(/^#\/?/, '').split('?');
  return { id: path || 'home', params: Object.fromEntries(new URLSearchParams(query)) };
}

/** Go to a page. */
export function navigate(id, params = {}) {
  const q = new URLSearchParams(params).toString();
  const next = `#/${id}${q ? `?${q}` : ''}`;
  if (location.hash === next) route(); else location.hash = next;
}

let routing = Promise.resolve();

/** Render the page of the current hash; renders run one at a time, so the last hash always wins. */
function route() {
  routing = routing.then(render, render);
  return routing;
}

async function render() {
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  const { id, params } = parseHash();
  const user = await users.currentUser();
  let page = getPage(id) || getPage('home');
  if (!page.public && !user) page = getPage('signin');
  if (user && page.roles && !page.roles.includes(user.role)) page = getPage('home');
  currentPage = page;
  const view = document.getElementById('view');
  document.title = `${t(page.title)} · ${t('app.name')}`;
  renderHeader(user);
  dropStaleToast();
  renderBanners({ user, page, navigate });
  mount(view);
  cleanup = await page.render(view, { user, params, navigate, refresh: route });
  view.focus({ preventScroll: true });
}

function renderHeader(user) {
  document.getElementById('brand').textContent = t('app.name');
  const who = document.getElementById('who');
  who.hidden = !user;
  who.textContent = user ? t('header.user', { name: user.display_name || user.username }) : '';
  who.title = user ? user.username : '';
  const lang = document.getElementById('lang');
  lang.textContent = getLang() === 'en' ? '中文' : 'English';
  lang.lang = getLang() === 'en' ? 'zh-CN' : 'en';
}

async function boot() {
  document.documentElement.lang = getLang();
  await loadLang(getLang()); // English, when this phone reads English, before the first page
  document.getElementById('lang').addEventListener('click', async () => {
    const next = getLang() === 'en' ? 'zh-CN' : 'en';
    await loadLang(next);
    setLang(next);
    route();
  });
  document.getElementById('who').addEventListener('click', () => navigate('users'));
  window.addEventListener('hashchange', route);
  startStatusBar(document.getElementById('status'), () => currentPage);
  const banners = () => renderBanners({ page: currentPage, navigate });
  watchForUpdates(() => currentPage, banners);
  sync.onStatus((status) => { // a 401 shows the sign-in prompt at once; pulled tasks appear without a tap
    if (status.running) return;
    banners();
    // Redraw a live list only when this sync changed something: a redraw detaches the buttons under a finger.
    const changed = status.pulled || status.sent || status.rejected || status.conflicts;
    if (currentPage?.live && changed) route();
  });
  window.addEventListener('immuqc:changed', banners);
  route();
  triggers.start();
}

if (globalThis.document) boot();
