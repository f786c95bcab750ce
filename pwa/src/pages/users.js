// Switch user: lock the phone and pick another nurse; nothing is deleted, each record keeps its author.
import { t } from '../lib/i18n.js';
import * as outbox from '../lib/outbox.js';
import { registerPage } from '../lib/registry.js';
import * as users from '../lib/users.js';
import { h, mount } from '../ui/dom.js';

registerPage({
  id: 'users',
  title: 'users.title',
  nav: { order: 90 },
  async render(root, ctx) {
    const pending = await outbox.list();
    const rows = (await users.listUsers()).map((u) => h('li', { class: 'card' },
      h('strong', {}, u.display_name || u.username), // the person, then the user name when she has a display name
      ` · ${[u.display_name ? u.username : '', u.scope].filter(Boolean).join(' · ')} · `,
      t('users.pending', { n: pending.filter((i) => i.captured_by === u.username).length }),
      u.token_state === 'invalid' ? h('p', { class: 'warn' }, t('users.signin_needed')) : null));
    mount(root, h('h1', {}, t('users.title')), h('p', {}, t('users.explain')), h('ul', { class: 'plain' }, rows),
      h('button', { type: 'button', class: 'primary big', id: 'switch-user', onclick: async () => {
        await users.lock(); ctx.navigate('signin');
      } }, t('users.switch')),
      h('button', { type: 'button', class: 'big', id: 'add-user', onclick: async () => {
        await users.lock(); ctx.navigate('signin', { add: '1' });
      } }, t('users.add')));
  },
});
