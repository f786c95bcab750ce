// The encounter as one linked flow: pre-check → informed notice with signature → vaccination → done.
// Its state (step, saved record ids) lives in a draft, so a reload or a crash resumes at the same step.
import { label, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { SCHEMA_VERSION } from '../lib/outbox.js';
import { registerPage } from '../lib/registry.js';
import { h, mount } from '../ui/dom.js';
import { dropDraft } from '../ui/form-draft.js';
import { consentStep } from './encounter/consent.js';
import { precheckStep } from './encounter/precheck.js';
import { vaccinationStep } from './encounter/vaccination.js';

const STEPS = ['precheck', 'consent', 'vaccination', 'done'];

function stepper(step) {
  return h('ol', { class: 'steps' }, STEPS.map((s) => h('li', { class: s === step ? 'on' : '',
    'aria-current': s === step ? 'step' : undefined }, t(`enc.step.${s}`))));
}

function doneStep(root, ctx, state, finish) {
  mount(root, h('div', { class: 'card', id: 'enc-done' },
    h('h2', {}, t('enc.done_title')),
    h('p', {}, t('enc.done_text', { n: state.saved?.length || 0 })),
    state.vaccination_ids?.length ? h('p', { class: 'warn', id: 'enc-observe' }, t('obs.started'), ' ',
      h('a', { href: '#/observation' }, t('obs.title'))) : null,
    h('div', { class: 'row' },
      h('button', { type: 'button', class: 'primary', id: 'enc-next-child', onclick: () => finish('children') },
        t('enc.next_child')),
      h('button', { type: 'button', onclick: () => finish('home') }, t('home.title')))));
}

registerPage({
  id: 'encounter',
  title: 'enc.title',
  form: true,
  roles: ['nurse'],
  async render(root, ctx) {
    const child = ctx.params.child && await local.child(ctx.params.child);
    if (!child) { ctx.navigate('children'); return null; }
    const stateId = `enc:${ctx.user.username}:${child.id}`;
    const state = (await local.draft(stateId)) || { step: 'precheck', saved: [], schema_version: SCHEMA_VERSION };
    const body = h('div');
    mount(root, h('h1', {}, t('enc.title')),
      h('p', { class: 'card' }, h('strong', {}, child.name), ` · ${label('sex', child.sex)} · ${child.birth_date}`),
      stepper(state.step), body);
    const go = async (patch) => {
      Object.assign(state, patch);
      if (state.step === 'done') state.finished = true;
      await local.saveDraft(stateId, state);
      ctx.refresh();
    };
    const persist = async (patch) => { Object.assign(state, patch); await local.saveDraft(stateId, state); };
    const clear = async () => {
      for (const s of STEPS) await dropDraft(`${stateId}:${s}`);
      await local.dropDraft(stateId);
    };
    const finish = async (next) => { await clear(); ctx.navigate(next); };
    const env = { ctx, child, state, go, persist, draftId: (s) => `${stateId}:${s}` };
    if (state.step === 'precheck') await precheckStep(body, env);
    else if (state.step === 'consent') await consentStep(body, env);
    else if (state.step === 'vaccination') await vaccinationStep(body, env);
    else {
      doneStep(body, ctx, state, finish);
      await clear(); // the done screen belongs to this visit: the child's next visit starts at the pre-check
    }
    return null;
  },
});
