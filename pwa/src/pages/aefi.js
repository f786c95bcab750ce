// The AEFI case report page: registered in the shell, its form (aefi-page.js and what only it needs) is a chunk
// loaded on first use and precached like every file, so it opens offline and keeps the shell inside its budget.
import { t } from '../lib/i18n.js';
import { registerPage } from '../lib/registry.js';
import { h, mount } from '../ui/dom.js';

registerPage({
  id: 'aefi',
  title: 'aefi.title',
  form: true,
  roles: ['nurse'],
  nav: { order: 30 },
  async render(root, ctx) {
    let page;
    try {
      page = await import('./aefi-page.js');
    } catch {
      mount(root, h('h1', {}, t('aefi.title')), h('p', { class: 'warn', role: 'alert' }, t('aefi.not_loaded')));
      return;
    }
    await page.renderAefi(root, ctx);
  },
});
