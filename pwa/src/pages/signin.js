// Sign in online (device token) and set this user's offline PIN; or unlock a known user offline with the PIN.
import * as api from '../lib/api.js';
import { t } from '../lib/i18n.js';
import { registerPage } from '../lib/registry.js';
import * as triggers from '../lib/triggers.js';
import * as users from '../lib/users.js';
import { h, mount, toast } from '../ui/dom.js';
import { field, readForm, showErrors } from '../ui/fields.js';
import { fieldLabel } from '../ui/labels.js';

const PIN = /^\d{4,8}$/;

function onlineForm(ctx, known) {
  const prefill = ctx.params.username || '';
  const needPin = !known.find((u) => u.username === prefill)?.pin_hash;
  const form = h('form', { class: 'card', id: 'signin-form', novalidate: true },
    h('h2', {}, t('signin.online')),
    field({ name: 'username', label: t('field.username'), value: prefill, required: true, autocomplete: 'username',
      autocapitalize: 'none' }),
    field({ name: 'password', label: t('field.password'), type: 'password', required: true,
      autocomplete: 'current-password' }),
    field({ name: 'pin', label: t('field.pin'), type: 'password', inputmode: 'numeric', autocomplete: 'off',
      hint: needPin ? t('signin.pin_hint_new') : t('signin.pin_hint_keep') }),
    h('button', { type: 'submit', class: 'primary big' }, t('signin.submit')));
  form.addEventListener('submit', (e) => { e.preventDefault(); submitOnline(form, ctx); });
  return form;
}

async function submitOnline(form, ctx) {
  const v = readForm(form);
  const known = await users.getUser(v.username);
  const errors = {};
  if (!v.username) errors.username = ['required'];
  if (!v.password) errors.password = ['required'];
  if (v.pin && !PIN.test(v.pin)) errors.pin = ['pin_format'];
  if (!v.pin && !known?.pin_hash) errors.pin = ['pin_needed'];
  if (showErrors(form, errors, fieldLabel)) return;
  let resp;
  try {
    resp = await api.signIn({ username: v.username, password: v.password, deviceId: await users.deviceId(),
      deviceName: users.deviceName(navigator.userAgent) });
  } catch {
    showErrors(form, { password: ['offline_signin'] }, fieldLabel);
    return;
  }
  if (resp.status !== 201) {
    showErrors(form, { password: [resp.body?.detail || t('err.signin_failed')] }, fieldLabel);
    return;
  }
  await users.saveSignIn(resp.body, v.pin || null);
  toast(t('signin.done', { name: resp.body.user.display_name || resp.body.user.username }));
  triggers.kick();
  ctx.navigate('home');
}

function unlockForm(ctx, known) {
  const withPin = known.filter((u) => u.pin_hash);
  if (!withPin.length) return null;
  const form = h('form', { class: 'card', id: 'unlock-form', novalidate: true }, h('h2', {}, t('signin.unlock')),
    h('div', { class: 'field choice', 'data-path': 'who' }, h('div', { class: 'choices' }, withPin.map((u, i) =>
      h('label', { class: 'opt' }, h('input', { type: 'radio', name: 'who', value: u.username, checked: i === 0 }),
        h('span', {}, u.display_name || u.username))))),
    field({ name: 'unlock_pin', label: t('field.pin'), type: 'password', inputmode: 'numeric', autocomplete: 'off' }),
    h('button', { type: 'submit', class: 'primary big' }, t('signin.unlock_submit')));
  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const v = readForm(form);
    if (await users.unlock(v.who, v.unlock_pin)) { ctx.navigate('home'); return; }
    const left = await users.pinTriesLeft(v.who);
    if (!left) { ctx.navigate('signin', { username: v.who, reason: 'pin_locked' }); return; }
    showErrors(form, { unlock_pin: [left <= 2 ? 'pin_wrong_few' : 'pin_wrong'] }, fieldLabel);
  });
  return form;
}

registerPage({
  id: 'signin',
  title: 'signin.title',
  public: true,
  async render(root, ctx) {
    const known = await users.listUsers();
    const locked = ctx.params.reason === 'pin_locked' ? h('p', { class: 'notice', role: 'alert' }, t('signin.pin_locked'))
      : null;
    mount(root, h('h1', {}, t('signin.title')), locked, ctx.params.username ? null : unlockForm(ctx, known),
      onlineForm(ctx, known));
  },
});
