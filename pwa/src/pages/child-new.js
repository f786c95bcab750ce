// Register a new child in the unit's registry (a `child` record, synced like any other). Before it is saved, the
// phone's registry is searched for the same child (names that sound alike, birth date, guardian phone): likely
// matches are shown side by side and the nurse picks one or confirms the child is new.
import { likelyMatches } from '../lib/duplicates.js';
import { label, t } from '../lib/i18n.js';
import * as local from '../lib/local.js';
import { registerPage } from '../lib/registry.js';
import { localDate } from '../lib/time.js';
import { h, mount, toast } from '../ui/dom.js';
import { choice, field, readForm, selectField, showErrors } from '../ui/fields.js';
import { autosave, dropDraft } from '../ui/form-draft.js';
import { fieldLabel } from '../ui/labels.js';
import { saveRecord, validate } from '../ui/save.js';
import { matchPanel } from './child-match.js';

const opts = (group, codes) => codes.map((c) => [c, label(group, c)]);

function childForm(villages) {
  return h('form', { class: 'card', id: 'child-form', novalidate: true },
    field({ name: 'name', label: t('field.name'), required: true, autocomplete: 'off' }),
    choice({ name: 'sex', label: t('field.sex'), options: opts('sex', ['M', 'F']), required: true }),
    field({ name: 'birth_date', label: t('field.birth_date'), type: 'date', required: true, max: localDate() }),
    choice({ name: 'residence', label: t('field.residence'), options: opts('residence', ['local', 'migrant']),
      value: 'local', required: true }),
    field({ name: 'guardian_name', label: t('field.guardian_name') }),
    field({ name: 'guardian_phone', label: t('field.guardian_phone'), type: 'tel', inputmode: 'tel' }),
    field({ name: 'certificate_no', label: t('field.certificate_no') }),
    selectField({ name: 'village_code', label: t('field.village_code'),
      options: villages.map((v) => [v.code || v.id, v.name]) }),
    selectField({ name: 'mother_hbsag', label: t('field.mother_hbsag'),
      options: opts('hbsag', ['positive', 'negative', 'unknown']) }),
    h('button', { type: 'submit', class: 'primary big', id: 'save-child' }, t('form.save')));
}

/** The unit's children most like the one being registered (the pinyin dictionary is loaded on first use). */
async function matchesFor(data, unit) {
  const registry = (await local.children()).filter((c) => c.unit_code === unit);
  return likelyMatches(data, registry, await pinyinOrNone());
}

/** The pinyin reader, or one that reads no syllables when its chunk cannot be loaded (offline before the app has
 * cached it): the check then compares names, birth dates and phones only, and the child is never left unsaved. */
async function pinyinOrNone() {
  try {
    return (await import('../lib/pinyin.js')).syllables;
  } catch {
    return () => [];
  }
}

registerPage({
  id: 'child-new',
  title: 'child.title',
  form: true,
  roles: ['nurse'],
  async render(root, ctx) {
    const villages = (await local.reference('village')).filter((v) => v.unit_code === ctx.user.scope);
    const form = childForm(villages);
    const panel = h('div');
    const draftId = `child-new:${ctx.user.username}`;
    const save = async (data) => {
      const res = await saveRecord('child', data, ctx.user);
      if (res.errors) { showErrors(form, res.errors, fieldLabel); return; }
      await dropDraft(draftId);
      toast(t('child.saved'));
      ctx.navigate('encounter', { child: res.item.id });
    };
    const back = () => { mount(panel); form.hidden = false; };
    form.addEventListener('submit', async (e) => {
      e.preventDefault();
      const v = readForm(form);
      const data = { unit_code: ctx.user.scope, ...Object.fromEntries(Object.entries(v).filter(([, x]) => x !== '')) };
      const { errors } = await validate('child', data);
      if (Object.keys(errors).length) { showErrors(form, errors, fieldLabel); return; }
      const matches = await matchesFor(data, ctx.user.scope);
      if (!matches.length) { await save(data); return; }
      form.hidden = true;
      mount(panel, matchPanel({ candidate: data, matches, onNew: () => save(data), onBack: back,
        onPick: async (child) => { await dropDraft(draftId); ctx.navigate('encounter', { child: child.id }); } }));
    });
    mount(root, h('h1', {}, t('child.title')), form, panel);
    await autosave(form, draftId);
  },
});
