// Banners under the status bar: sign-in needed (401 kept the records), a new version to apply.
import { t } from '../lib/i18n.js';
import * as users from '../lib/users.js';
import { h, mount } from './dom.js';
import { applyUpdate, updateWaiting } from './update.js';

/** Redraw the banners for the page being shown. */
export async function renderBanners({ page, navigate }) {
  const box = document.getElementById('banners');
  const out = [];
  for (const u of await users.needingSignIn()) {
    out.push(h('div', { class: 'banner banner-warn', role: 'alert' },
      h('span', {}, t('banner.signin_needed', { name: u.username })),
      h('button', { type: 'button', class: 'primary', onclick: () => navigate('signin', { username: u.username }) },
        t('banner.signin'))));
  }
  if (updateWaiting() && !page?.form) {
    out.push(h('div', { class: 'banner banner-info', role: 'status' }, h('span', {}, t('banner.update')),
      h('button', { type: 'button', class: 'primary', id: 'apply-update', onclick: applyUpdate }, t('banner.update_now'))));
  }
  mount(box, out);
}
